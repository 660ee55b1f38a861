using System.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers;

/// <summary>
/// Staff search across customers by name, address or order number, forgiving typos: PostgreSQL's trigram
/// similarity over name and address (a GIN index), substrings, and order ids by prefix; best match first.
/// </summary>
public static class SearchApi
{
    /// <summary>How alike two texts must be to match (pg_trgm's similarity, 0 to 1); lower forgives more typos.</summary>
    public const double SimilarityThreshold = 0.3;

    private sealed record Match(Guid CustomerId, string DisplayName, string Email, DateTimeOffset? SignedUpAt, int Total);

    public static async Task<Results<Ok<CustomerSearchPage>, ValidationProblem>> SearchAsync(
        string? q, string? page, string? pageSize, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var text = q?.Trim().ToLowerInvariant() ?? "";
        if (text.Length is < 2 or > 200)
            errors["q"] = ["'q' is what to look for: 2 to 200 characters of a name, an address or an order number."];
        if (!Paging.TryParse(page, pageSize, out var paging, errors) || errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var like = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        var prefix = q!.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        var found = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var threshold = SimilarityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlAsync($"SELECT set_config('pg_trgm.similarity_threshold', {threshold}, true)", cancellationToken);
            var rows = await db.Database.SqlQuery<Match>($"""
                WITH by_order AS (
                    SELECT DISTINCT customer_id FROM orders WHERE customer_id IS NOT NULL AND id LIKE {prefix}
                ), matches AS (
                    SELECT c.customer_id, c.display_name, c.email, c.signed_up_at,
                           CASE WHEN c.customer_id IN (SELECT customer_id FROM by_order) THEN 2 ELSE 0 END
                           + CASE WHEN c.search_text LIKE {like} THEN 1 ELSE 0 END
                           + similarity(c.search_text, {text}) AS rank
                    FROM customers c
                    WHERE c.search_text % {text} OR c.search_text LIKE {like} OR c.customer_id IN (SELECT customer_id FROM by_order)
                )
                SELECT customer_id AS "CustomerId", display_name AS "DisplayName", email AS "Email", signed_up_at AS "SignedUpAt",
                       (count(*) OVER ())::int AS "Total"
                FROM matches
                ORDER BY rank DESC, customer_id
                LIMIT {paging.PageSize} OFFSET {paging.Skip}
                """).ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows;
        });

        return TypedResults.Ok(new CustomerSearchPage(
            [.. found.Select(m => new CustomerSummary(m.CustomerId, m.DisplayName, m.Email, m.SignedUpAt))],
            paging.Page, paging.PageSize, found.FirstOrDefault()?.Total ?? 0));
    }
}
