using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.KnowledgeBase;

/// <summary>
/// The help centre (commerce.md): published articles, public ones without signing in, internal ones for staff;
/// "was this helpful?", the visitor's session, and the ticket an article made unnecessary.
/// </summary>
public static class ArticlesApi
{
    public const int DefaultLimit = 10, MaxLimit = 50;

    public sealed record ArticleView(
        Guid ArticleId, string Slug, string Title, string? Category, string Visibility, string Html, DateTimeOffset PublishedAt, int HelpfulYes, int HelpfulNo);

    public sealed record CategoryView(Guid CategoryId, string Slug, string Name, int Articles);

    public sealed record FeedbackRequest(bool? Helpful);
    public sealed record SessionRequest(Guid? SessionId);
    public sealed record DeflectionRequest(Guid? ArticleId, string? Query);

    private static bool SeesInternal(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsStaff();

    /// <summary><c>GET /api/support/articles?q=&amp;category=&amp;limit=</c>: the best matches first; without <c>q</c>, every article (of the category) by title.</summary>
    public static async Task<Results<Ok<List<ArticleSearch.Hit>>, ValidationProblem>> SearchAsync(
        ClaimsPrincipal user, TicketingDbContext db, string? q, string? category, string? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > MaxLimit))
            errors["limit"] = [$"'limit' must be a whole number from 1 to {MaxLimit}."];
        if (q is { Length: > 500 })
            errors["q"] = ["'q' must be at most 500 characters."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var staff = SeesInternal(user);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var tsQuery = ArticleSearch.TsQuery(q);
            return TypedResults.Ok(tsQuery is { } words ? await ArticleSearch.FindAsync(db, words, staff, take, cancellationToken) : []);
        }

        var articles = db.KbArticles.AsNoTracking().Where(a => a.PublishedVersion != null && (staff || a.Visibility == KbVisibility.Public));
        if (!string.IsNullOrEmpty(category))
            articles = articles.Where(a => db.KbCategories.Any(c => c.Id == a.CategoryId && c.Slug == category));
        return TypedResults.Ok(await articles
            .OrderBy(a => a.Title).ThenBy(a => a.Id)
            .Take(take)
            .Select(a => new ArticleSearch.Hit(a.Id, a.Slug, a.Title!, a.Excerpt ?? "", a.Visibility))
            .ToListAsync(cancellationToken));
    }

    /// <summary><c>GET /api/support/articles/{slug}</c>: the published article; a draft, or an internal one for a customer, does not exist (404).</summary>
    public static async Task<Results<Ok<ArticleView>, NotFound>> GetAsync(string slug, ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var staff = SeesInternal(user);
        var article = await db.KbArticles.AsNoTracking()
            .Where(a => a.Slug == slug && a.PublishedVersion != null && (staff || a.Visibility == KbVisibility.Public))
            .Select(a => new ArticleView(a.Id, a.Slug, a.Title!, db.KbCategories.Where(c => c.Id == a.CategoryId).Select(c => c.Name).FirstOrDefault(),
                a.Visibility, a.BodyHtml!, a.PublishedAt!.Value, a.HelpfulYes, a.HelpfulNo))
            .SingleOrDefaultAsync(cancellationToken);
        return article is null ? TypedResults.NotFound() : TypedResults.Ok(article);
    }

    /// <summary><c>GET /api/support/categories</c>: the categories with how many articles the caller can read in each.</summary>
    public static async Task<Ok<List<CategoryView>>> CategoriesAsync(ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var staff = SeesInternal(user);
        return TypedResults.Ok(await db.KbCategories.AsNoTracking()
            .OrderBy(c => c.Position).ThenBy(c => c.Name)
            .Select(c => new CategoryView(c.Id, c.Slug, c.Name,
                db.KbArticles.Count(a => a.CategoryId == c.Id && a.PublishedVersion != null && (staff || a.Visibility == KbVisibility.Public))))
            .ToListAsync(cancellationToken));
    }

    /// <summary><c>POST /api/support/articles/{slug}/feedback {helpful}</c>: one more yes or no; anyone may answer (the gateway limits how often).</summary>
    public static async Task<Results<Accepted, NotFound, ValidationProblem>> FeedbackAsync(
        string slug, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<FeedbackRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (body.Helpful is not { } helpful)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["helpful"] = ["'helpful' is required: true or false."] });

        var staff = SeesInternal(user);
        var articles = db.KbArticles.Where(a => a.Slug == slug && a.PublishedVersion != null && (staff || a.Visibility == KbVisibility.Public));
        var counted = helpful
            ? await articles.ExecuteUpdateAsync(a => a.SetProperty(x => x.HelpfulYes, x => x.HelpfulYes + 1), cancellationToken)
            : await articles.ExecuteUpdateAsync(a => a.SetProperty(x => x.HelpfulNo, x => x.HelpfulNo + 1), cancellationToken);
        return counted == 0 ? TypedResults.NotFound() : TypedResults.Accepted((string?)null);
    }

    /// <summary><c>POST /api/support/kb-sessions {sessionId}</c>: a visitor's help-centre session, counted once however often it is sent.</summary>
    public static async Task<Results<Accepted, ValidationProblem>> SessionAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<SessionRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (body.SessionId is not { } sessionId || sessionId == Guid.Empty)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sessionId"] = ["'sessionId' is required: a UUID the app makes once per browser session."] });

        Guid? customer = user.Identity?.IsAuthenticated == true ? user.GetCustomerId() : null;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO kb_sessions (id, customer_id, started_at) VALUES ({sessionId}, {customer}, {time.GetUtcNow()}) ON CONFLICT (id) DO NOTHING",
            cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary><c>POST /api/support/deflections {articleId, query?}</c>: the signed-in customer found their answer and did not open a ticket.</summary>
    public static async Task<Results<Accepted, ValidationProblem>> DeflectAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<DeflectionRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var query = TicketRules.Text(body.Query, "query", TicketRules.MaxSubjectLength, errors, required: false);
        if (body.ArticleId is not { } articleId || !await db.KbArticles.AnyAsync(a => a.Id == articleId && a.PublishedVersion != null, cancellationToken))
            errors["articleId"] = ["'articleId' must name a published article."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        db.KbDeflections.Add(new KbDeflection { Id = Guid.CreateVersion7(), ArticleId = body.ArticleId!.Value, CustomerId = user.GetCustomerId(), Query = query, At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
