using System.Data.Common;
using CustomerPlatform.Messaging.Tests.Counter;
using CustomerPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>
/// The consumer side of the crash test as a process of its own: <c>dotnet CustomerPlatform.Messaging.Tests.dll
/// --outbox-crash-host</c>, wired like a service (AddPostgresDbContext + AddMessaging) from
/// <c>ConnectionStrings__sagas</c> and <c>ConnectionStrings__messaging</c>. With
/// <see cref="CrashAfterCommit.EnvironmentVariable"/>=1 it kills itself right after the consumer's
/// transaction committed, before the outbox is delivered and before the message is acknowledged.
/// </summary>
public static class CrashHost
{
    public const string Argument = "--outbox-crash-host";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "outbox-crash-host", Args = args });
        builder.AddPostgresDbContext<CounterDbContext>("sagas");
        builder.Services.ConfigureDbContext<CounterDbContext>(options => options.AddInterceptors(new KillAfterCommitInterceptor()));
        builder.AddMessaging<CounterDbContext>(bus =>
            bus.AddConsumer<CrashPaymentConsumer>().Endpoint(endpoint => endpoint.Name = CrashPaymentConsumer.Queue));

        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }

    private sealed class KillAfterCommitInterceptor : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            CrashAfterCommit.Committed(eventData.Context);
            return Task.CompletedTask;
        }
    }
}
