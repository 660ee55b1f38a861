using System.Diagnostics.Metrics;

namespace CustomerPlatform.Notifications;

/// <summary>
/// What an SRE watches on the dashboard: how notifications end (sent, failed, suppressed) and how
/// often an SMTP attempt fails. The SMTP server is not a health check: while it is down the service
/// keeps accepting and queueing, which is its job, so a rising failed-attempts count is the signal.
/// </summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "CustomerPlatform.Notifications";

    private readonly Counter<long> _finished;
    private readonly Counter<long> _failedAttempts;

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _finished = meter.CreateCounter<long>("notifications.finished", "{notification}", "Notifications that reached a final status");
        _failedAttempts = meter.CreateCounter<long>("notifications.smtp.failed_attempts", "{attempt}", "SMTP delivery attempts that failed");
    }

    public void Finished(Notification notification) =>
        _finished.Add(1, new("status", notification.Status), new("template", notification.Template));

    public void AttemptFailed(Notification notification) =>
        _failedAttempts.Add(1, new KeyValuePair<string, object?>("template", notification.Template));
}
