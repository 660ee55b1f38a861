using CustomerPlatform.Messaging.Tests.Counter;
using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Messaging.Tests;

/// <summary>An HTTP handler shows a saga's state through MassTransit's load and query repositories.</summary>
[Collection(MessagingCollection.Name)]
public sealed class When_a_saga_is_read_outside_a_message(MessagingFixture fixture)
{
    [Fact]
    public async Task Should_load_the_stored_state_by_id_and_find_it_by_query()
    {
        var id = Guid.NewGuid();
        await fixture.Bus.Publish(new HitCounter(id));
        await fixture.Bus.Publish(new HitCounter(id));
        await fixture.WaitForCounterAsync(id, state => state?.Count == 2);

        var load = fixture.Services.GetRequiredService<ILoadSagaRepository<CounterState>>();
        var loaded = await load.Load(id);
        Assert.Equal((2, "Active"), (loaded.Count, loaded.CurrentState));
        Assert.Null(await load.Load(Guid.NewGuid()));

        var query = fixture.Services.GetRequiredService<IQuerySagaRepository<CounterState>>();
        var found = await query.Find(new SagaQuery<CounterState>(state => state.CorrelationId == id && state.Count == 2));
        Assert.Equal([id], found);
        Assert.Empty(await query.Find(new SagaQuery<CounterState>(state => state.CorrelationId == id && state.Count == 3)));
    }
}
