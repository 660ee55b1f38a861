using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.EndToEnd.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP collector for one test, on a random loopback port: it accepts the protobuf export
/// requests of traces, logs and metrics (answering 200 with an empty body, an empty export response) and
/// keeps what the tests look at. Give <see cref="Endpoint"/> to the services as OTEL_EXPORTER_OTLP_ENDPOINT.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();
    private readonly ConcurrentQueue<ReceivedMetric> _metrics = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public IReadOnlyList<ReceivedLog> Logs => [.. _logs];

    public IReadOnlyList<ReceivedMetric> Metrics => [.. _metrics];

    /// <summary>Export requests that could not be read: a test that finds nothing says why.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", context => receiver.ReceiveAsync(context, OtlpRequests.ReadSpans, receiver._spans));
        app.MapPost("/v1/logs", context => receiver.ReceiveAsync(context, OtlpRequests.ReadLogs, receiver._logs));
        app.MapPost("/v1/metrics", context => receiver.ReceiveAsync(context, OtlpRequests.ReadMetrics, receiver._metrics));
        await app.StartAsync(cancellationToken);
        receiver.Endpoint = new Uri(app.Urls.Single());
        return receiver;
    }

    /// <summary>Polls what has arrived until <paramref name="found"/> returns something, or the time runs out.</summary>
    public async Task<T?> WaitForAsync<T>(Func<OtlpReceiver, T?> found, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (found(this) is { } result)
                return result;
            if (DateTime.UtcNow > deadline)
                return null;
            await Task.Delay(250);
        }
    }

    private async Task ReceiveAsync<T>(HttpContext context, Func<byte[], IEnumerable<T>> read, ConcurrentQueue<T> into)
    {
        try
        {
            using var body = new MemoryStream();
            var input = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
                : context.Request.Body;
            await input.CopyToAsync(body, context.RequestAborted);
            foreach (var item in read(body.ToArray()))
                into.Enqueue(item);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException)
        {
            _errors.Enqueue($"{context.Request.Path}: {exception.Message}");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>OTLP's SpanKind: 0 unspecified, then internal, server, client, producer, consumer.</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <param name="Service">The resource's <c>service.name</c>.</param>
/// <param name="Scope">The instrumentation scope: the ActivitySource's name (<c>MassTransit</c>, <c>Npgsql</c>, ...).</param>
public sealed record ReceivedSpan(
    string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, SpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{Service} [{Scope}] {Kind} '{Name}' {SpanId} <- {(ParentSpanId.Length == 0 ? "(root)" : ParentSpanId)}";
}

/// <param name="Scope">The instrumentation scope: the logger's category.</param>
/// <param name="Attributes">The structured log's values (<c>{CustomerId}</c> in the template becomes <c>CustomerId</c>).</param>
public sealed record ReceivedLog(string Service, string Scope, string TraceId, string SpanId, string Body, IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{Service} [{Scope}] {Body}";
}

public sealed record ReceivedMetric(string Service, string Scope, string Name);

/// <summary>
/// The parts of opentelemetry/proto/collector/{trace,logs,metrics}/v1 export requests the tests read
/// (field numbers from opentelemetry-proto's .proto files).
/// </summary>
internal static class OtlpRequests
{
    /// <summary>ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }.</summary>
    public static IEnumerable<ReceivedSpan> ReadSpans(byte[] request) => ReadResources(request, ReadSpan);

    /// <summary>ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1 }.</summary>
    public static IEnumerable<ReceivedLog> ReadLogs(byte[] request) => ReadResources(request, ReadLog);

    /// <summary>ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1 }; Metric { string name = 1 }.</summary>
    public static IEnumerable<ReceivedMetric> ReadMetrics(byte[] request) =>
        ReadResources(request, (service, scope, metric) => new ReceivedMetric(service, scope, ReadString(metric, field: 1)));

    /// <summary>
    /// Resource{Spans,Logs,Metrics} { Resource resource = 1; repeated Scope{Spans,Logs,Metrics} = 2 } and in each
    /// Scope{Spans,Logs,Metrics} { InstrumentationScope scope = 1; repeated Span/LogRecord/Metric = 2 }: every item
    /// read by <paramref name="readItem"/> with the resource's service.name and the scope's name.
    /// </summary>
    private static List<T> ReadResources<T>(byte[] request, Func<string, string, byte[], T> readItem)
    {
        var items = new List<T>();
        var outer = new OtlpWire(request);
        while (outer.Next())
        {
            if (outer.Field != 1)
                continue;

            var service = "";
            var scopes = new List<(string Name, List<byte[]> Items)>();
            var resource = new OtlpWire(outer.Bytes);
            while (resource.Next())
            {
                if (resource.Field == 1)
                    service = ReadAttributes(resource.Bytes, field: 1).GetValueOrDefault("service.name", "");
                else if (resource.Field == 2)
                    scopes.Add(ReadScope(resource.Bytes));
            }
            foreach (var (scope, scoped) in scopes)
                items.AddRange(scoped.Select(item => readItem(service, scope, item)));
        }
        return items;
    }

    private static (string Name, List<byte[]> Items) ReadScope(ReadOnlySpan<byte> message)
    {
        var name = "";
        var items = new List<byte[]>();
        var wire = new OtlpWire(message);
        while (wire.Next())
        {
            if (wire.Field == 1)
                name = ReadString(wire.Bytes, field: 1); // InstrumentationScope { string name = 1 }
            else if (wire.Field == 2)
                items.Add(wire.Bytes.ToArray());
        }
        return (name, items);
    }

    /// <summary>Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6; repeated KeyValue attributes = 9 }.</summary>
    private static ReceivedSpan ReadSpan(string service, string scope, byte[] span)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = SpanKind.Unspecified;
        var attributes = new Dictionary<string, string>();
        var wire = new OtlpWire(span);
        while (wire.Next())
        {
            switch (wire.Field)
            {
                case 1: traceId = wire.Hex; break;
                case 2: spanId = wire.Hex; break;
                case 4: parentSpanId = wire.Hex; break;
                case 5: name = wire.String; break;
                case 6: kind = (SpanKind)wire.Number; break;
                case 9:
                    var (key, value) = ReadKeyValue(wire.Bytes);
                    attributes[key] = value;
                    break;
            }
        }
        return new ReceivedSpan(service, scope, traceId, spanId, parentSpanId, name, kind, attributes);
    }

    /// <summary>LogRecord { AnyValue body = 5; repeated KeyValue attributes = 6; bytes trace_id = 9; bytes span_id = 10 }.</summary>
    private static ReceivedLog ReadLog(string service, string scope, byte[] record)
    {
        string traceId = "", spanId = "", body = "";
        var attributes = new Dictionary<string, string>();
        var wire = new OtlpWire(record);
        while (wire.Next())
        {
            switch (wire.Field)
            {
                case 5: body = ReadAnyValue(wire.Bytes); break;
                case 6:
                    var (key, value) = ReadKeyValue(wire.Bytes);
                    attributes[key] = value;
                    break;
                case 9: traceId = wire.Hex; break;
                case 10: spanId = wire.Hex; break;
            }
        }
        return new ReceivedLog(service, scope, traceId, spanId, body, attributes);
    }

    private static string ReadString(ReadOnlySpan<byte> message, int field)
    {
        var wire = new OtlpWire(message);
        var value = "";
        while (wire.Next())
        {
            if (wire.Field == field)
                value = wire.String;
        }
        return value;
    }

    /// <summary>The repeated KeyValue <paramref name="field"/> of <paramref name="message"/> (Resource's attributes are field 1).</summary>
    private static Dictionary<string, string> ReadAttributes(ReadOnlySpan<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>();
        var wire = new OtlpWire(message);
        while (wire.Next())
        {
            if (wire.Field == field)
            {
                var (key, value) = ReadKeyValue(wire.Bytes);
                attributes[key] = value;
            }
        }
        return attributes;
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2 }.</summary>
    private static (string Key, string Value) ReadKeyValue(ReadOnlySpan<byte> keyValue)
    {
        string key = "", value = "";
        var wire = new OtlpWire(keyValue);
        while (wire.Next())
        {
            if (wire.Field == 1)
                key = wire.String;
            else if (wire.Field == 2)
                value = ReadAnyValue(wire.Bytes);
        }
        return (key, value);
    }

    /// <summary>AnyValue { string string_value = 1; bool bool_value = 2; int64 int_value = 3; ... }: strings, booleans and integers as text.</summary>
    private static string ReadAnyValue(ReadOnlySpan<byte> anyValue)
    {
        var wire = new OtlpWire(anyValue);
        var value = "";
        while (wire.Next())
        {
            value = wire.Field switch
            {
                1 => wire.String,
                2 => (wire.Number != 0).ToString(),
                3 => ((long)wire.Number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => value,
            };
        }
        return value;
    }
}
