using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace CustomerPlatform.Loyalty.Benchmarks;

internal sealed record SeededMember(Guid Id, string Email, Guid CustomerId);

internal sealed record SeedResult(IReadOnlyList<SeededMember> Members, TimeSpan MembersTime, TimeSpan EntriesTime, TimeSpan VacuumTime);

/// <summary>
/// Fills loyaltydb straight through PostgreSQL's binary COPY, with the service's own indexes in place: members, then
/// ledger entries spread over them in time order over the last three years (earning mostly, redemptions a member can
/// afford, staff adjustments), each member's balance the sum of its entries as the service keeps it, each member checked by
/// the expiry sweep a moment ago (not due again during the run). Only the plain columns are written: any column added later
/// with a default keeps it.
/// </summary>
internal static class LedgerSeeder
{
    public static SeedResult Seed(NpgsqlDataSource database, BenchOptions options, string run)
    {
        var random = new Random(options.Seed);
        var now = DateTimeOffset.UtcNow;
        var members = Enumerable.Range(0, options.Members)
            .Select(i => new SeededMember(Guid.CreateVersion7(), $"member{i}.{run}@bench.example", Guid.CreateVersion7()))
            .ToArray();

        // The entries first, in memory (which member, how many points): the members' balances are their sums.
        var owner = new int[options.Entries];
        var points = new int[options.Entries];
        var balances = new long[options.Members];
        for (var i = 0; i < options.Entries; i++)
        {
            var m = random.Next(options.Members);
            var roll = random.Next(100);
            var change = roll < 80 ? random.Next(10, 300)
                : roll < 95 && balances[m] >= 500 ? -random.Next(100, 500)
                : random.Next(-20, 50);
            if (balances[m] + change < 0)
                change = -change;
            owner[i] = m;
            points[i] = change;
            balances[m] += change;
        }

        var clock = Stopwatch.StartNew();
        using (var connection = database.OpenConnection())
        using (var writer = connection.BeginBinaryImport(
            "COPY loyalty_members (id, email, customer_id, balance, pending, created_at, updated_at, next_expiry_check_at) FROM STDIN (FORMAT BINARY)"))
        {
            var created = now.AddYears(-3).AddDays(-1);
            for (var m = 0; m < members.Length; m++)
            {
                writer.StartRow();
                writer.Write(members[m].Id, NpgsqlDbType.Uuid);
                writer.Write(members[m].Email, NpgsqlDbType.Varchar);
                writer.Write(members[m].CustomerId, NpgsqlDbType.Uuid);
                writer.Write(balances[m], NpgsqlDbType.Bigint);
                writer.Write(0L, NpgsqlDbType.Bigint);
                writer.Write(created, NpgsqlDbType.TimestampTz);
                writer.Write(now, NpgsqlDbType.TimestampTz);
                // As the expiry sweep leaves a member it has just checked: not due again during the run (ADR-036).
                writer.Write(now.AddDays(1), NpgsqlDbType.TimestampTz);
            }
            writer.Complete();
        }
        var membersTime = clock.Elapsed;

        clock.Restart();
        var start = now.AddYears(-3);
        var step = options.Entries == 0 ? 0 : (now - start).Ticks / options.Entries;
        using (var connection = database.OpenConnection())
        {
            using var writer = connection.BeginBinaryImport(
                "COPY ledger_entries (id, member_id, kind, points, pending_points, reason, source_key, at, recorded_at) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < options.Entries; i++)
            {
                var at = start.AddTicks(step * i);
                var (kind, reason) = points[i] switch
                {
                    _ when i % 20 == 19 => ("adjustment", "Goodwill after a late delivery"),
                    < 0 => ("redeem", (string?)null),
                    _ => ("earn", (string?)null),
                };
                writer.StartRow();
                writer.Write(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                writer.Write(members[owner[i]].Id, NpgsqlDbType.Uuid);
                writer.Write(kind, NpgsqlDbType.Varchar);
                writer.Write((long)points[i], NpgsqlDbType.Bigint);
                writer.Write(0L, NpgsqlDbType.Bigint);
                if (reason is null)
                    writer.WriteNull();
                else
                    writer.Write(reason, NpgsqlDbType.Varchar);
                writer.Write($"bench:{run}:{i}", NpgsqlDbType.Varchar);
                writer.Write(at, NpgsqlDbType.TimestampTz);
                writer.Write(at, NpgsqlDbType.TimestampTz);
            }
            writer.Complete();
        }
        var entriesTime = clock.Elapsed;

        clock.Restart();
        using (var connection = database.OpenConnection())
        using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) loyalty_members, ledger_entries", connection) { CommandTimeout = 0 })
            vacuum.ExecuteNonQuery();
        return new SeedResult(members, membersTime, entriesTime, clock.Elapsed);
    }

    /// <summary>Gives one member <paramref name="count"/> more earning entries over the last year, and their sum to its balance.</summary>
    public static async Task AddHistoryAsync(NpgsqlDataSource database, Guid memberId, int count, string run, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY ledger_entries (id, member_id, kind, points, pending_points, source_key, at, recorded_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var at = now.AddDays(-365).AddMinutes(i * 365.0 * 24 * 60 / Math.Max(count, 1));
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(memberId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync("earn", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(10L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync($"bench:{run}:heavy:{i}", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using var update = new NpgsqlCommand("UPDATE loyalty_members SET balance = balance + $1 WHERE id = $2", connection);
        update.Parameters.Add(new NpgsqlParameter { Value = 10L * count });
        update.Parameters.Add(new NpgsqlParameter { Value = memberId });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
