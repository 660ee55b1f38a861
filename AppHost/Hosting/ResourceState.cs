namespace CustomerPlatform.AppHost.Hosting;

public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Unhealthy,
    Exited,
    FailedToStart,
}
