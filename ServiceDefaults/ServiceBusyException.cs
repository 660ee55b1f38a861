namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Thrown by a service that turns work away before starting it because too much is already waiting;
/// <see cref="ServiceBusyExceptionHandler"/> answers 503 with <see cref="RetryAfter"/>.
/// </summary>
public sealed class ServiceBusyException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
}
