using System.Diagnostics;
using Bogus;
using Npgsql;
using NpgsqlTypes;

namespace CustomerPlatform.Customers.Benchmarks;

/// <summary>
/// The agent's queue views (issue 17) over a desk's history: ticketingdb filled by binary COPY with tickets as a
/// desk accumulates them: most solved or closed long ago, a tenth each pending and open, the rest new in the
/// support queue; the signed-in agent owns one in fifty (their history and their open work), others the rest; open
/// tickets have SLA due times around now, some breached.
/// </summary>
internal static class QueueViews
{
    /// <summary>The views the workspace asks for, as the agent: mine, unassigned, breaching soon, pending.</summary>
    public static readonly (string Name, string Path)[] Views =
    [
        ("mine", "/api/support/tickets?assignee=me&pageSize=50"),
        ("unassigned", "/api/support/tickets?assignee=none&pageSize=50"),
        ("breaching soon", "/api/support/tickets?sla=breaching&pageSize=50"),
        ("pending", "/api/support/tickets?status=pending&pageSize=50"),
    ];

    public static TimeSpan Seed(NpgsqlDataSource ticketingDb, int count, Guid agentId, int seed, string run)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var others = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using (var connection = ticketingDb.OpenConnection())
        using (var writer = connection.BeginBinaryImport(
            "COPY tickets (id, customer_id, customer_email, customer_name, assignee_id, queue, kind, subject, status, priority, channel, "
            + "created_at, updated_at, solved_at, closed_at, sla_due_at, sla_breached) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                // Oldest first, over two years, so numbers and creation times grow together as on a real desk.
                var created = now.AddMinutes(-(count - i) * (2 * 365 * 24 * 60.0 / count));
                var roll = faker.Random.Double();
                var status = roll switch { < 0.55 => "closed", < 0.70 => "solved", < 0.80 => "pending", < 0.90 => "open", < 0.93 => "on-hold", _ => "new" };
                Guid? assignee = status == "new" ? null : faker.Random.Double() < 0.02 ? agentId : faker.PickRandom(others);
                var live = status is "new" or "open" or "on-hold";
                writer.StartRow();
                writer.Write(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
                writer.Write(Guid.NewGuid(), NpgsqlDbType.Uuid);
                writer.Write($"bench-{run}-{i}@example.com", NpgsqlDbType.Text);
                writer.Write(faker.Name.FullName(), NpgsqlDbType.Text);
                if (assignee is { } a) writer.Write(a, NpgsqlDbType.Uuid); else writer.WriteNull();
                if (assignee is null) writer.Write("support", NpgsqlDbType.Varchar); else writer.WriteNull();
                writer.Write("request", NpgsqlDbType.Varchar);
                writer.Write(faker.PickRandom("Where is my order", "Refund", "Broken", "Cannot sign in", "Invoice") + " " + faker.Commerce.ProductName(), NpgsqlDbType.Text);
                writer.Write(status, NpgsqlDbType.Varchar);
                writer.Write(faker.PickRandom("low", "normal", "normal", "normal", "high", "urgent"), NpgsqlDbType.Varchar);
                writer.Write(faker.PickRandom("web", "web", "email", "email", "chat", "phone"), NpgsqlDbType.Varchar);
                writer.Write(created, NpgsqlDbType.TimestampTz);
                writer.Write(created.AddHours(faker.Random.Double(0, 48)), NpgsqlDbType.TimestampTz);
                if (status is "solved" or "closed") writer.Write(created.AddHours(24), NpgsqlDbType.TimestampTz); else writer.WriteNull();
                if (status == "closed") writer.Write(created.AddDays(5), NpgsqlDbType.TimestampTz); else writer.WriteNull();
                // Live tickets' next target: from eight hours overdue to three days ahead.
                if (live) writer.Write(now.AddHours(faker.Random.Double(-8, 72)), NpgsqlDbType.TimestampTz); else writer.WriteNull();
                writer.Write(false, NpgsqlDbType.Boolean);
            }
            writer.Complete();
        }
        using (var connection = ticketingDb.OpenConnection())
        {
            using (var breached = new NpgsqlCommand("UPDATE tickets SET sla_breached = true WHERE sla_due_at < now()", connection))
                breached.ExecuteNonQuery();
            using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) tickets", connection);
            vacuum.ExecuteNonQuery();
        }
        return clock.Elapsed;
    }
}
