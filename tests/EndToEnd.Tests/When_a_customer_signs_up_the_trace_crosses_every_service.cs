using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using CustomerPlatform.EndToEnd.Tests.Telemetry;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 13, item 3: every service and the gateway export traces, logs and metrics over OTLP, and one
/// customer's sign-up is one trace through gateway → identity → (outbox) RabbitMQ → onboarding and
/// notifications → SMTP. The platform runs once, with its own OTLP receiver as the export endpoint
/// (the shared platform exports elsewhere), and the customer signs up once; each test reads what arrived.
/// </summary>
public sealed class When_a_customer_signs_up_the_trace_crosses_every_service(
    When_a_customer_signs_up_the_trace_crosses_every_service.SignUpTrace signUp)
    : IClassFixture<When_a_customer_signs_up_the_trace_crosses_every_service.SignUpTrace>
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] TracedServices =
        [ResourceNames.Gateway, ResourceNames.Services.Identity, ResourceNames.Services.Onboarding, ResourceNames.Services.Notifications];

    [Fact]
    public async Task Should_join_the_gateway_identity_onboarding_and_notifications_in_one_trace()
    {
        var spans = await WaitForTraceAsync(trace => TracedServices.All(service => trace.Any(span => span.Service == service)));

        // Identity's request continues the gateway's: its server span's parent is a gateway span.
        var identityRequest = Assert.Single(spans, span => span.Service == ResourceNames.Services.Identity && span.Kind == SpanKind.Server);
        Assert.Contains(spans, span => span.Service == ResourceNames.Gateway && span.SpanId == identityRequest.ParentSpanId);
    }

    [Fact]
    public async Task Should_carry_the_trace_through_the_outbox_and_rabbitmq_into_the_consumers()
    {
        // Identity publishes through its outbox, which a background service sends later: the consumers'
        // spans are in the sign-up's trace only if the outbox kept the request's trace context.
        var spans = await WaitForTraceAsync(trace =>
            IsConsumerIn(trace, ResourceNames.Services.Onboarding) && IsConsumerIn(trace, ResourceNames.Services.Notifications));

        Assert.Contains(spans, span => span.Service == ResourceNames.Services.Identity && span.Scope == "MassTransit" && span.Name == "outbox send");
        Assert.Contains(spans, span => span.Service == ResourceNames.Services.Identity && span.Scope == "MassTransit" && span.Name == "outbox process");
        Assert.True(IsConsumerIn(spans, ResourceNames.Services.Onboarding), Describe(spans));
        Assert.True(IsConsumerIn(spans, ResourceNames.Services.Notifications), Describe(spans));
    }

    [Fact]
    public async Task Should_include_the_database_and_the_smtp_spans()
    {
        var spans = await WaitForTraceAsync(trace =>
            trace.Any(span => span.Service == ResourceNames.Services.Identity && span.Scope == "Npgsql")
            && trace.Any(IsSmtp));

        Assert.Contains(spans, span => span.Service == ResourceNames.Services.Identity && span.Scope == "Npgsql" && span.Kind == SpanKind.Client);
        Assert.Contains(spans, span => span.Service == ResourceNames.Services.Notifications && span.Scope == "Npgsql");
        Assert.Contains(spans, span => span.Service == ResourceNames.Services.Notifications && IsSmtp(span) && span.Kind == SpanKind.Client);
    }

    [Fact]
    public async Task Should_stamp_the_services_logs_with_the_trace_id()
    {
        var traceId = await signUp.TraceIdAsync();
        var logs = await signUp.Receiver.WaitForAsync(
            receiver => receiver.Logs.Where(log => log.TraceId == traceId).ToList() is { Count: > 0 } found
                && found.Any(log => log.Service == ResourceNames.Services.Identity)
                && found.Any(log => log.Service == ResourceNames.Services.Notifications)
                    ? found
                    : null,
            ArrivalTimeout);

        Assert.True(logs is not null,
            $"No logs of both identity and notifications carry trace {traceId}; those that do: "
            + string.Join("; ", signUp.Receiver.Logs.Where(log => log.TraceId == traceId)) + Errors());
        Assert.All(logs, log => Assert.False(string.IsNullOrEmpty(log.SpanId)));

        // Structured: the values are attributes of their own, not only words in the message.
        Assert.Contains(logs, log => log.Service == ResourceNames.Services.Identity
            && log.Attributes.GetValueOrDefault("CustomerId") == signUp.CustomerId.ToString());
    }

    [Fact]
    public async Task Should_export_metrics_from_every_service_and_the_gateway()
    {
        string[] everyone = [ResourceNames.Gateway, .. ResourceNames.Services.All];
        var metrics = await signUp.Receiver.WaitForAsync(
            receiver => receiver.Metrics is var all && everyone.All(service => all.Any(metric => metric.Service == service)) ? all : null,
            ArrivalTimeout);

        var missing = everyone.Where(service => !signUp.Receiver.Metrics.Any(metric => metric.Service == service));
        Assert.True(metrics is not null, $"No metrics from {string.Join(", ", missing)}." + Errors());

        // The request duration of the sign-up, and MassTransit's own instruments.
        Assert.Contains(metrics, metric => metric.Service == ResourceNames.Gateway && metric.Name == "http.server.request.duration");
        Assert.Contains(metrics, metric => metric.Service == ResourceNames.Services.Onboarding && metric.Scope == "MassTransit");
    }

    private async Task<IReadOnlyList<ReceivedSpan>> WaitForTraceAsync(Func<IReadOnlyList<ReceivedSpan>, bool> complete)
    {
        var traceId = await signUp.TraceIdAsync();
        var spans = await signUp.Receiver.WaitForAsync(
            receiver => receiver.Spans.Where(span => span.TraceId == traceId).ToList() is var trace && complete(trace) ? trace : null,
            ArrivalTimeout);
        Assert.True(spans is not null, $"Trace {traceId} is incomplete: {Describe(signUp.Receiver.Spans.Where(span => span.TraceId == traceId).ToList())}{Errors()}");
        return spans;
    }

    private static bool IsConsumerIn(IEnumerable<ReceivedSpan> spans, string service) =>
        spans.Any(span => span.Service == service && span.Scope == "MassTransit" && span.Kind == SpanKind.Consumer);

    /// <summary>MailKit's own SmtpClient activities.</summary>
    private static bool IsSmtp(ReceivedSpan span) => span.Scope == "MailKit.Net.SmtpClient";

    private static string Describe(IReadOnlyList<ReceivedSpan> spans) =>
        $"{spans.Count} span(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", spans);

    private string Errors() =>
        signUp.Receiver.Errors.Count == 0 ? "" : $"{Environment.NewLine}Unreadable exports: {string.Join("; ", signUp.Receiver.Errors)}";

    /// <summary>
    /// The platform exporting to an <see cref="OtlpReceiver"/>, and one customer who signed up through the
    /// gateway and whose verification email reached MailDev.
    /// </summary>
    public sealed class SignUpTrace : IAsyncLifetime
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
        private static readonly TimeSpan ExportInterval = TimeSpan.FromMilliseconds(500);

        private TestApplication? _test;
        private Task<string>? _traceId;

        public OtlpReceiver Receiver { get; private set; } = null!;

        /// <summary>The trace the gateway started for the sign-up request (its server span for <c>POST /api/identity/signup</c>).</summary>
        public Task<string> TraceIdAsync() => _traceId ?? throw new InvalidOperationException("The fixture has not started.");

        /// <summary>The customer Identity created.</summary>
        public Guid CustomerId { get; private set; }

        public async Task InitializeAsync()
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            Receiver = await OtlpReceiver.StartAsync(timeout.Token);
            _test = await TestApplication.StartAppHostAsync(
                [], [ResourceNames.Gateway], builder => builder.ExportTelemetryTo(Receiver.Endpoint, ExportInterval), timeout.Token);

            using var gateway = new HttpClient { BaseAddress = _test.App.GetEndpoint(ResourceNames.Gateway, "http") };
            using var mail = new MailDevInbox(_test.App.GetEndpoint(ResourceNames.Mail, "http"));
            var email = $"traced-{Guid.NewGuid():N}@example.com";
            CustomerId = await Accounts.SignUpAsync(gateway, email, "Tracy Trace");
            await mail.WaitForAsync(email, found => found.Count >= 1, TimeSpan.FromSeconds(60));
            _traceId = FindSignUpTraceAsync();
        }

        private async Task<string> FindSignUpTraceAsync()
        {
            var request = await Receiver.WaitForAsync(
                receiver => receiver.Spans.FirstOrDefault(span => span.Service == ResourceNames.Gateway && span.Kind == SpanKind.Server
                    && span.Attributes.GetValueOrDefault("url.path") == "/api/identity/signup"),
                TimeSpan.FromSeconds(30));
            return request?.TraceId ?? throw new InvalidOperationException(
                $"The gateway's span of the sign-up never arrived; {Receiver.Spans.Count} span(s) from "
                + string.Join(", ", Receiver.Spans.Select(span => span.Service).Distinct()) + " did: "
                + string.Join("; ", Receiver.Spans.Where(span => span.Service == ResourceNames.Gateway).Take(20))
                + (Receiver.Errors.Count == 0 ? "" : $" Unreadable exports: {string.Join("; ", Receiver.Errors)}"));
        }

        public async Task DisposeAsync()
        {
            if (_test is not null)
                await _test.DisposeAsync();
            if (Receiver is not null)
                await Receiver.DisposeAsync();
        }
    }
}
