using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>
/// Sends the due rows of this service's scheduler table. Each pass, in one READ COMMITTED transaction:
/// lock up to a batch of due rows (<c>FOR UPDATE SKIP LOCKED</c>, oldest first, so replicas share the
/// work without waiting on each other), send each to its destination, delete the ones sent, commit.
/// <para>
/// At least once: a crash (or a lost commit) after a send and before the commit leaves the row, and it is
/// sent again by the next pass, with the same message id, so the receiving side's inbox drops it.
/// </para>
/// Between passes it sleeps until the next row is due, at most <see cref="PostgresSchedulerOptions.PollInterval"/>,
/// and is woken at once when this process's scheduler consumer stores a schedule.
/// </summary>
internal sealed class ScheduledMessageDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    PostgresSchedulerSignal<TDbContext> signal,
    IOptions<PostgresSchedulerOptions> options,
    ILogger<ScheduledMessageDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly PostgresSchedulerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                var (sent, full, nextDue) = await DispatchDueAsync(stoppingToken);
                if (full)
                    continue;

                sleep = nextDue is { } due ? Clamp(due - DateTime.UtcNow) : _options.PollInterval;
                if (sent > 0)
                    logger.LogDebug("Sent {Count} scheduled message(s)", sent);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Sending scheduled messages from {Context} failed; trying again in {Delay}", typeof(TDbContext).Name, _options.ErrorDelay);
                sleep = _options.ErrorDelay;
            }

            try
            {
                if (sleep > TimeSpan.Zero)
                    await signal.WaitAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan Clamp(TimeSpan untilDue) =>
        untilDue <= TimeSpan.Zero ? TimeSpan.Zero : untilDue < _options.PollInterval ? untilDue : _options.PollInterval;

    /// <summary>One pass: how many were sent, whether the batch was full (more may be due), and when the next row is due.</summary>
    private async Task<(int Sent, bool Full, DateTime? NextDue)> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var table = SchedulerTable.For(db);

        var strategy = db.Database.CreateExecutionStrategy();
        var (sent, full) = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);
            var rows = await db.Set<ScheduledMessageRow>()
                .FromSqlRaw(table.SelectDueSql, DateTime.UtcNow, _options.BatchSize)
                .AsNoTracking()
                .ToListAsync(cancellationToken);

            var done = new List<Guid>(rows.Count);
            Exception? failure = null;
            foreach (var row in rows)
            {
                if (!row.Cancelled)
                {
                    try
                    {
                        await SendAsync(row, cancellationToken);
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Keep what was sent so far (delete and commit it), and leave this row and the rest for the next pass.
                        failure = exception;
                        break;
                    }
                }

                done.Add(row.TokenId);
            }

            if (done.Count > 0)
                await db.Database.ExecuteSqlRawAsync(table.DeleteSql, [new NpgsqlParameter("token_ids", done.ToArray())], cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            if (failure is not null)
                throw new InvalidOperationException($"Sending a scheduled message failed after {done.Count} of {rows.Count} were handled", failure);
            return (done.Count, rows.Count == _options.BatchSize);
        });

        var nextDue = full ? null : await db.Set<ScheduledMessageRow>().MinAsync(r => (DateTime?)r.DueTime, cancellationToken);
        return (sent, full, nextDue);
    }

    /// <summary>
    /// One row, within <see cref="PostgresSchedulerOptions.SendTimeout"/>: past it the send is left behind
    /// (<see cref="TimeoutException"/>) and the row stays for the next pass; should the send still go out,
    /// its copy carries the same message id and the receiver's inbox recognises it.
    /// </summary>
    private async Task SendAsync(ScheduledMessageRow row, CancellationToken cancellationToken)
    {
        var bound = _options.SendTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        var endpoint = await bus.GetSendEndpoint(new Uri(row.Destination)).WaitAsync(bound, cancellationToken);
        using var payload = JsonDocument.Parse(row.Payload);
        var serializer = new ScheduledMessageSerializer(payload.RootElement.Clone(), row.MessageType);

        await endpoint.Send(new ScheduledMessageDelivery(), Pipe.Execute<SendContext<ScheduledMessageDelivery>>(context =>
        {
            context.MessageId = row.MessageId ?? row.TokenId;
            context.RequestId = row.RequestId;
            context.ConversationId = row.ConversationId;
            context.InitiatorId = row.InitiatorId;
            context.SourceAddress = row.SourceAddress is { } source ? new Uri(source) : context.SourceAddress;
            context.ResponseAddress = row.ResponseAddress is { } response ? new Uri(response) : null;
            context.FaultAddress = row.FaultAddress is { } fault ? new Uri(fault) : null;
            if (row.ExpirationTime is { } expiration)
                context.TimeToLive = expiration - DateTime.UtcNow is var ttl && ttl > TimeSpan.Zero ? ttl : TimeSpan.FromSeconds(1);

            if (row.Headers is { } headers)
            {
                using var document = JsonDocument.Parse(headers);
                foreach (var header in document.RootElement.EnumerateObject())
                    context.Headers.Set(header.Name, HeaderValue(header.Value));
            }

            // A saga's Schedule remembers this token and accepts only the timeout that carries it.
            context.Headers.Set(MessageHeaders.SchedulingTokenId, row.TokenId.ToString());
            context.Serializer = serializer;
        }), timeout.Token).WaitAsync(bound, cancellationToken);
    }

    private static object? HeaderValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt32(out var number) => number,
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
