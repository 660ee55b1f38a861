using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// Aspire hands a container's state to its child resources (a database follows its server); for an
/// executable it does not. This does the same for our executable servers: each database takes its
/// server's state and times, so Aspire then runs the database's own health check and <c>WaitFor(db)</c> works.
/// </summary>
internal static class ChildResourceStates
{
    public static void Mirror<TParent, TChild>(IDistributedApplicationBuilder builder, TParent parent, Func<IEnumerable<TChild>> children)
        where TParent : ExecutableResource
        where TChild : IResource
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var update in notifications.WatchAsync(stopping))
                    {
                        if (!ReferenceEquals(update.Resource, parent))
                            continue;
                        foreach (var child in children())
                        {
                            await notifications.PublishUpdateAsync(child, snapshot => snapshot with
                            {
                                State = update.Snapshot.State,
                                StartTimeStamp = update.Snapshot.StartTimeStamp,
                                StopTimeStamp = update.Snapshot.StopTimeStamp,
                            });
                        }
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                }
            }, stopping);
            return Task.CompletedTask;
        });
    }
}
