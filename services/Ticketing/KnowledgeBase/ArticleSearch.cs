using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.KnowledgeBase;

/// <summary>
/// Full-text search over the published articles: PostgreSQL's <c>english</c> configuration (stemming, stop words) on a
/// stored, GIN-indexed <c>tsvector</c> of the title (weight A) and the text (weight B). Any of the query's words may
/// match (the articles with all of them first), the last one (of three letters or more) also as a word's beginning (the app asks while the customer is still typing a subject), and
/// <c>ts_rank_cd</c> puts the articles that match more of them, closer together and in the title, first.
/// </summary>
public static class ArticleSearch
{
    public const int MaxWords = 12;

    /// <summary>A matching article; <see cref="Visibility"/> marks the internal ones (only staff find them) for staff to tell apart.</summary>
    public sealed record Hit(Guid ArticleId, string Slug, string Title, string Excerpt, string Visibility);

    /// <summary>
    /// The words of <paramref name="query"/> as two <c>to_tsquery</c> texts, any of them and all of them, or null when it
    /// has none. Only letters and digits get through.
    /// </summary>
    public static (string Any, string All)? TsQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
            return null;
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0 && words.Count < MaxWords)
                words.Add(word.ToString());
            word.Clear();
        }
        if (words.Count == 0)
            return null;
        // A word still being typed: its beginning, once it is long enough not to match half the dictionary.
        if (words[^1].Length >= 3)
            words[^1] += ":*";
        var distinct = words.Distinct().ToList();
        return (string.Join(" | ", distinct), string.Join(" & ", distinct));
    }

    /// <summary>
    /// How many matching articles each tier ranks at most. Ranking reads every candidate's <c>tsvector</c> (about
    /// 0.02 ms each): a query of common words matches most of the articles (7,500 of 10,000 in the benchmark, 139 ms
    /// ranked whole), so each tier ranks the first matches the index gives, which bounds a search at a few milliseconds.
    /// </summary>
    public const int CandidateCap = 500;

    /// <summary>
    /// The search's SQL, with <c>{0}</c> the any-word query, <c>{1}</c> the all-words query, <c>{2}</c> whether
    /// internal articles count, <c>{3}</c> the limit and <c>{4}</c> <see cref="CandidateCap"/>: the articles with all
    /// the words first, then (only when they are fewer than the limit) those with some, each tier by <c>ts_rank_cd</c>.
    /// </summary>
    public const string Sql = """
        WITH every AS (
            SELECT c.id, 0 AS tier, ts_rank_cd(c.search, q, 1) AS rank, c.published_at
            FROM (SELECT a.id, a.search, a.published_at FROM kb_articles a
                  WHERE a.search @@ to_tsquery('english', {1}) AND a.published_version IS NOT NULL AND (a.visibility = 'public' OR {2})
                  LIMIT {4}) c, to_tsquery('english', {1}) q
            ORDER BY rank DESC LIMIT {3}
        ), partial AS (
            SELECT c.id, 1 AS tier, ts_rank_cd(c.search, q, 1) AS rank, c.published_at
            FROM (SELECT a.id, a.search, a.published_at FROM kb_articles a
                  WHERE a.search @@ to_tsquery('english', {0}) AND a.published_version IS NOT NULL AND (a.visibility = 'public' OR {2})
                    AND a.id NOT IN (SELECT id FROM every)
                  LIMIT {4}) c, to_tsquery('english', {0}) q
            WHERE (SELECT count(*) FROM every) < {3}
            ORDER BY rank DESC LIMIT {3}
        )
        SELECT a.id AS "ArticleId", a.slug AS "Slug", a.title AS "Title", a.excerpt AS "Excerpt", a.visibility AS "Visibility"
        FROM (SELECT * FROM every UNION ALL SELECT * FROM partial) r JOIN kb_articles a ON a.id = r.id
        ORDER BY r.tier, r.rank DESC, r.published_at DESC, r.id
        LIMIT {3}
        """;

    public static Task<List<Hit>> FindAsync(TicketingDbContext db, (string Any, string All) tsQuery, bool includeInternal, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<Hit>(Sql, tsQuery.Any, tsQuery.All, includeInternal, limit, CandidateCap).ToListAsync(cancellationToken);
}
