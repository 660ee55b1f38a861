using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace CustomerPlatform.EndToEnd.Tests.Telemetry;

public static class TelemetryExport
{
    /// <summary>
    /// Points every project of the model (the services and the gateway) at <paramref name="endpoint"/> over
    /// OTLP/HTTP, exporting every <paramref name="interval"/>. The callback comes after Aspire's own (which
    /// names the dashboard's endpoint and each service's <c>OTEL_SERVICE_NAME</c>), so its values win; the
    /// service names stay Aspire's.
    /// </summary>
    public static IDistributedApplicationTestingBuilder ExportTelemetryTo(this IDistributedApplicationTestingBuilder builder, Uri endpoint, TimeSpan interval)
    {
        var milliseconds = ((int)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(environment =>
            {
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.GetLeftPart(UriPartial.Authority);
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                environment["OTEL_BSP_SCHEDULE_DELAY"] = milliseconds;
                environment["OTEL_BLRP_SCHEDULE_DELAY"] = milliseconds;
                environment["OTEL_METRIC_EXPORT_INTERVAL"] = milliseconds;
                environment["OTEL_TRACES_SAMPLER"] = "always_on";
            }));
        }
        return builder;
    }
}
