using System.Data;
using System.Globalization;
using CustomerPlatform.Customers;
using Npgsql;

namespace CustomerPlatform.Customers.Benchmarks;

/// <summary>
/// The statements the Customers service runs for a search and for a timeline page, sent straight to PostgreSQL
/// from here: the database's share of each request. Kept as the service writes them
/// (services/Customers/Apis/SearchApi.cs; StaffApi.GetTimelineAsync as EF Core translates it): change them together.
/// </summary>
internal static class DirectSql
{
    private const string ProfileExistsSql = "SELECT EXISTS (SELECT 1 FROM customers AS c WHERE c.customer_id = $1)";

    private const string TimelinePageSql = """
        SELECT t.id, t.at, t.author_id, t.customer_id, t.email, t.kind, t.link, t.recorded_at, t.source, t.source_key, t.text
        FROM timeline_entries AS t
        WHERE t.customer_id = $1
        ORDER BY t.at DESC, t.id DESC
        LIMIT $2
        """;

    /// <summary>One search as the service runs it (first page of 20): its own transaction, the threshold set in it. Answers the rows.</summary>
    public static async Task<int> SearchAsync(NpgsqlDataSource database, string q, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var threshold = new NpgsqlCommand("SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)", connection, transaction))
        {
            threshold.Parameters.Add(new NpgsqlParameter { Value = SearchApi.WordSimilarityThreshold.ToString(CultureInfo.InvariantCulture) });
            await threshold.ExecuteNonQueryAsync(cancellationToken);
        }
        var rows = 0;
        await using (var search = SearchCommand(connection, transaction, q))
        await using (var reader = await search.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                _ = reader.GetGuid(0);
                _ = reader.GetString(1);
                _ = reader.GetString(2);
                rows++;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>A timeline's first page as the service reads it: the customer exists, then <paramref name="limit"/> + 1 entries.</summary>
    public static async Task<int> TimelineAsync(NpgsqlDataSource database, Guid customerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand(ProfileExistsSql, connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = customerId });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
                throw new InvalidOperationException($"Customer {customerId} is not in customersdb.");
        }
        await using var page = new NpgsqlCommand(TimelinePageSql, connection);
        page.Parameters.Add(new NpgsqlParameter { Value = customerId });
        page.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        await using var reader = await page.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var column = 0; column < reader.FieldCount; column++)
                _ = reader.GetValue(column);
            rows++;
        }
        return rows;
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of a search and of a timeline page, printed once after the timing (never timed).</summary>
    public static async Task<string> ExplainSearchAsync(NpgsqlDataSource database, string q, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var threshold = new NpgsqlCommand(
            $"SELECT set_config('pg_trgm.word_similarity_threshold', '{SearchApi.WordSimilarityThreshold.ToString(CultureInfo.InvariantCulture)}', true)", connection, transaction))
            await threshold.ExecuteNonQueryAsync(cancellationToken);
        await using var explain = SearchCommand(connection, transaction, q);
        explain.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + explain.CommandText;
        return await PlanAsync(explain, cancellationToken);
    }

    public static async Task<string> ExplainTimelineAsync(NpgsqlDataSource database, Guid customerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + TimelinePageSql, connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = customerId });
        explain.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        return await PlanAsync(explain, cancellationToken);
    }

    private static async Task<string> PlanAsync(NpgsqlCommand explain, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            lines.Add("    " + reader.GetString(0));
        return string.Join('\n', lines);
    }

    /// <summary>The service's own search statement (<see cref="SearchApi.Query"/>), first page of 20.</summary>
    private static NpgsqlCommand SearchCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, string q)
    {
        var (sql, parameters) = SearchApi.Query(q, 20, 0);
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        return command;
    }
}
