using System.Diagnostics;
using CustomerPlatform.Messaging.Tests.Counter;
using Xunit.Abstractions;

namespace CustomerPlatform.Messaging.Tests;

/// <summary>
/// Versions: the message that creates a saga stores version 1, every later message that changes it
/// adds 1. So Start + 100 increments ends at 101, and 50 create-or-count hits end at 50.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_messages_race_for_one_saga(MessagingFixture fixture, ITestOutputHelper output)
{
    private static readonly string ErrorQueue = $"{MessagingFixture.SagaQueue}_error";

    [Fact]
    public async Task Should_apply_each_of_100_concurrent_events_once_to_the_one_instance()
    {
        var id = Guid.NewGuid();
        await fixture.Bus.Publish(new StartCounter(id));
        await fixture.WaitForCounterAsync(id, state => state is not null);
        fixture.InFlight.Reset();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => fixture.Bus.Publish(new IncrementCounter(id))));
        await fixture.WaitForCounterAsync(id, state => state?.Count >= 100);
        clock.Stop();
        await Task.Delay(500); // anything applied twice would show up now

        var counter = await fixture.ReadCounterAsync(id);
        var (rows, logs, distinctMessages) = await fixture.CountRowsAsync(id);
        output.WriteLine($"100 events in {clock.ElapsedMilliseconds} ms; at most {fixture.InFlight.Max} messages in flight at once");
        Assert.Equal(100, counter!.Count);
        Assert.Equal(101, counter.Version);
        Assert.Equal("Active", counter.CurrentState);
        Assert.Equal((1, 100, 100), (rows, logs, distinctMessages));
        Assert.True(fixture.InFlight.Max > 1, $"only {fixture.InFlight.Max} message(s) were ever in flight: no race was run");
        await AssertNothingFailedAsync();
    }

    [Fact]
    public async Task Should_create_one_instance_from_50_concurrent_first_messages_and_apply_them_all()
    {
        var id = Guid.NewGuid();
        fixture.InFlight.Reset();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => fixture.Bus.Publish(new HitCounter(id))));
        await fixture.WaitForCounterAsync(id, state => state?.Count >= 50);
        clock.Stop();
        await Task.Delay(500);

        var counter = await fixture.ReadCounterAsync(id);
        var (rows, logs, distinctMessages) = await fixture.CountRowsAsync(id);
        output.WriteLine($"50 first messages in {clock.ElapsedMilliseconds} ms; at most {fixture.InFlight.Max} messages in flight at once");
        Assert.Equal(50, counter!.Count);
        Assert.Equal(50, counter.Version);
        Assert.Equal((1, 50, 50), (rows, logs, distinctMessages));
        Assert.True(fixture.InFlight.Max > 1, $"only {fixture.InFlight.Max} message(s) were ever in flight: no race was run");
        await AssertNothingFailedAsync();
    }

    [Fact]
    public async Task Should_delete_the_row_of_a_finalized_saga()
    {
        var id = Guid.NewGuid();
        fixture.InFlight.Reset();
        await fixture.Bus.Publish(new StartCounter(id));
        await fixture.WaitForCounterAsync(id, state => state is not null);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.Bus.Publish(new IncrementCounter(id))));
        await fixture.WaitForCounterAsync(id, state => state?.Count == 3);

        await fixture.Bus.Publish(new FinishCounter(id));
        await fixture.WaitForCounterAsync(id, state => state is null, TimeSpan.FromSeconds(30));

        var (rows, logs, _) = await fixture.CountRowsAsync(id);
        Assert.Equal((0, 3), (rows, logs));
        await AssertNothingFailedAsync();
    }

    private async Task AssertNothingFailedAsync()
    {
        Assert.Equal(0, fixture.InFlight.Faults);

        // The saga's queue must be found by the same path, or a 404 for the error queue proves nothing.
        Assert.True(await fixture.Management.QueueExistsAsync(MessagingFixture.SagaQueue));
        Assert.Equal(0, await fixture.Management.CountMessagesAsync(ErrorQueue));
    }
}
