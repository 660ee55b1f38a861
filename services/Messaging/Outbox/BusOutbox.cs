using System.Collections.Concurrent;
using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Messaging.Outbox;

/// <summary>
/// What <c>IPublishEndpoint</c> and <c>ISendEndpointProvider</c> resolve to in a scope. Outside a
/// message (an HTTP request, a hosted service's scope) every send and publish becomes an outbox row of
/// the scope's DbContext, committed by the handler's own <c>SaveChangesAsync</c> and sent afterwards
/// by <see cref="OutboxDeliveryService{TDbContext}"/>. Inside a message the consume context decides
/// (the consumer outbox already holds its sends), exactly as MassTransit's own provider does.
/// </summary>
internal sealed class PostgresScopedBusContextProvider<TDbContext> : IScopedBusContextProvider<IBus>
    where TDbContext : DbContext
{
    public PostgresScopedBusContextProvider(IServiceProvider provider, IBus bus, IScopedConsumeContextProvider consumeContextProvider)
    {
        var original = ActivatorUtilities.CreateInstance<ScopedBusContextProvider<IBus>>(provider).Context;
        if (consumeContextProvider.HasContext)
        {
            Context = original;
            return;
        }

        var dbContext = provider.GetRequiredService<TDbContext>();
        var signal = provider.GetRequiredService<OutboxDeliverySignal<TDbContext>>();
        dbContext.SavedChanges += (_, _) => signal.Notify();

        var outbox = new BusOutboxSendContext(dbContext, provider);
        Context = new BusOutboxContext(
            new OutboxSendEndpointProvider(outbox, bus),
            new PublishEndpoint(new OutboxPublishEndpointProvider(outbox, bus)),
            original.ClientFactory);
    }

    public ScopedBusContext Context { get; }

    private sealed class BusOutboxSendContext(DbContext dbContext, IServiceProvider provider) : OutboxSendContext
    {
        public Task AddSend<T>(SendContext<T> context)
            where T : class
        {
            dbContext.Add(OutboxRows.Create(context, null, null));
            return Task.CompletedTask;
        }

        public object? GetService(Type serviceType) => provider.GetService(serviceType);
    }

    private sealed class BusOutboxContext(ISendEndpointProvider sendEndpointProvider, IPublishEndpoint publishEndpoint, IScopedClientFactory clientFactory)
        : ScopedBusContext
    {
        public ISendEndpointProvider SendEndpointProvider => sendEndpointProvider;
        public IPublishEndpoint PublishEndpoint => publishEndpoint;
        public IScopedClientFactory ClientFactory => clientFactory;
    }
}

/// <summary>
/// Wakes the delivery service when a scope saved outbox rows, so it need not wait for its next poll, and
/// hands it the consumed messages whose own delivery was given up (<see cref="HandOver"/>).
/// </summary>
internal sealed class OutboxDeliverySignal<TDbContext>
    where TDbContext : DbContext
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly ConcurrentDictionary<Guid, byte> _handedOver = new();

    /// <summary>
    /// A consumer gave up delivering the outbox rows of this message (the broker did not answer in
    /// time): the delivery service takes them at once instead of after <see cref="MessagingOptions.OrphanedOutboxAge"/>.
    /// Kept in memory only: after a crash the age brings them back all the same.
    /// </summary>
    public void HandOver(Guid messageId)
    {
        _handedOver.TryAdd(messageId, 0);
        Notify();
    }

    /// <summary>The messages handed over and not yet delivered.</summary>
    public Guid[] HandedOver() => _handedOver.Keys.ToArray();

    public void Delivered(IEnumerable<Guid> messageIds)
    {
        foreach (var messageId in messageIds)
            _handedOver.TryRemove(messageId, out _);
    }

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
                _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
