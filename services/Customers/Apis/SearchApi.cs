using System.Data;
using System.Text.RegularExpressions;
using Npgsql;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers;

/// <summary>
/// Staff search across customers by name, address, company, phone or order number, forgiving typos: PostgreSQL's
/// trigram word similarity (a typo forgiven word by word) and substrings over name, the address before its '@',
/// company and phone digits (a GIN index), full-text words and word beginnings in any order (a second GIN index),
/// whole addresses within two edits (the address index), and order ids by prefix; best match first.
/// </summary>
public static partial class SearchApi
{
    /// <summary>How alike a query must be to the best-matching stretch of a customer's text (pg_trgm's word similarity, 0 to 1); lower forgives more typos.</summary>
    public const double WordSimilarityThreshold = 0.6;

    private sealed record Match(Guid CustomerId, string DisplayName, string Email, string? Company, DateTimeOffset? SignedUpAt, int Total);

    public static async Task<Results<Ok<CustomerSearchPage>, ValidationProblem>> SearchAsync(
        string? q, string? page, string? pageSize, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var text = q?.Trim().ToLowerInvariant() ?? "";
        if (text.Length is < 2 or > 200)
            errors["q"] = ["'q' is what to look for: 2 to 200 characters of a name, an address, a company, a phone number or an order number."];
        if (!Paging.TryParse(page, pageSize, out var paging, errors) || errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var (sql, parameters) = Query(q!, paging.PageSize, paging.Skip);
        var found = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var threshold = WordSimilarityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlAsync($"SELECT set_config('pg_trgm.word_similarity_threshold', {threshold}, true)", cancellationToken);
            // A parameter object belongs to one command: each attempt gets its own copies.
            var rows = await db.Database.SqlQueryRaw<Match>(sql, [.. parameters.Select(p => p.Clone())]).ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows;
        });

        return TypedResults.Ok(new CustomerSearchPage(
            [.. found.Select(m => new CustomerSummary(m.CustomerId, m.DisplayName, m.Email, m.Company, m.SignedUpAt))],
            paging.Page, paging.PageSize, found.FirstOrDefault()?.Total ?? 0));
    }

    /// <summary>
    /// The search's SQL and parameters for <paramref name="q"/> (2 to 200 characters), run with pg_trgm's word-similarity
    /// threshold set to <see cref="WordSimilarityThreshold"/> (the benchmark runs it straight on PostgreSQL too).
    /// </summary>
    public static (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) Query(string q, int pageSize, int skip)
    {
        // Every condition is one an index answers (the trigram index for <% and LIKE, the text-search index for @@,
        // the orders' key for the prefix, the address index for the edit distance), OR-ed into one bitmap scan; a
        // condition that does not apply is left out, not guarded by a parameter, so the plan never has to allow for it.
        var text = q.Trim().ToLowerInvariant();
        // The trigram text holds an address's part before the '@' only (CustomersDbContext.SearchTextSql): so does the fuzzy query.
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var fuzzy = at >= 0 ? text[..at] : text;
        var parameters = new List<NpgsqlParameter>
        {
            new("text", text), new("fuzzy", fuzzy), new("like", "%" + Escape(fuzzy) + "%"), new("prefix", Escape(q.Trim()) + "%"),
            new("size", pageSize), new("skip", skip),
        };
        // The customers with an order whose number starts so, found first (an array: an IN (subquery) would stop the bitmap scan).
        const string ByOrder = "ARRAY(SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND id LIKE @prefix)";
        var where = new List<string> { $"c.customer_id = ANY ({ByOrder})" };
        var rank = new List<string> { $"CASE WHEN c.customer_id = ANY ({ByOrder}) THEN 2 ELSE 0 END" };
        // A typo is forgiven word by word (<%: the query against the best-matching stretch of the text). Whole-text
        // similarity (%) only ranks: a short query is rarely like a whole name-and-address, and for a common first
        // name the index hands it thousands of rows to recheck (178 ms at 100,000 customers, against 4 ms). Under
        // three characters there is no trigram to look up (the index would be read whole): words' beginnings only.
        if (fuzzy.Length >= 3)
        {
            where.InsertRange(0, ["@fuzzy <% c.search_text", "c.search_text LIKE @like"]);
            rank.Add("CASE WHEN c.search_text LIKE @like THEN 1 ELSE 0 END");
            rank.Add("greatest(similarity(c.search_text, @fuzzy), word_similarity(@fuzzy, c.search_text))");
        }
        // Something like an address ("cruz49@hotmail.com", or its '@' mistyped): the addresses within two edits of it,
        // among those starting with its first character (index only). Trigrams cannot tell a short address with a typo
        // from every other one at the same domain.
        if (text.Length >= 6 && text.AsSpan().IndexOfAny('@', '.') >= 0 && !text.Any(char.IsWhiteSpace))
        {
            parameters.Add(new("first", Escape(text[..1]) + "%"));
            where.Add($"c.customer_id = ANY (ARRAY(SELECT e.customer_id FROM customers e WHERE e.email LIKE @first AND {Edits("e")} <= {MaxEdits}))");
            rank.Add($"{MaxEdits} - least({Edits("c")}, {MaxEdits})");
        }
        // The digits of a phone number however it was typed ("+33 (0)6 12…"), found inside the stored digits.
        var digits = CustomerProfile.Digits(text);
        if (digits.Length >= 4 && PhoneLike().IsMatch(text))
        {
            parameters.Add(new("phone", "%" + digits + "%"));
            where.Add("c.search_text LIKE @phone");
            rank.Add("CASE WHEN c.search_text LIKE @phone THEN 1 ELSE 0 END");
        }
        // Each word, or the start of one, in any order: 'acme':* & 'okon':*.
        var words = Word().Matches(text).Select(m => $"'{m.Value}':*").ToList();
        if (words.Count > 0)
        {
            parameters.Add(new("words", string.Join(" & ", words)));
            where.Add("c.search_words @@ to_tsquery('simple', @words)");
            rank.Add("ts_rank(c.search_words, to_tsquery('simple', @words))");
        }
        var sql = $"""
            SELECT customer_id AS "CustomerId", display_name AS "DisplayName", email AS "Email", company AS "Company", signed_up_at AS "SignedUpAt",
                   (count(*) OVER ())::int AS "Total"
            FROM (SELECT c.customer_id, c.display_name, c.email, c.company, c.signed_up_at, {string.Join(" + ", rank)} AS rank
                  FROM customers c
                  WHERE {string.Join(" OR ", where)}) AS matches
            ORDER BY rank DESC, customer_id
            LIMIT @size OFFSET @skip
            """;
        return (sql, parameters);
    }

    /// <summary>How many edits (a character changed, added or dropped) an address may be from the query and still be found.</summary>
    private const int MaxEdits = 2;

    private static string Edits(string alias) => $"levenshtein_less_equal({alias}.email, @text, {MaxEdits})";

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    [GeneratedRegex(@"^\+?[0-9 .()\-]+$")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
