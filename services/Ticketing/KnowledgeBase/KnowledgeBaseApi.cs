using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.KnowledgeBase;

/// <summary>
/// Authoring (agents and admins): an article starts as a draft; each save is a new version; publishing makes the
/// newest version what readers see, rendered and sanitised once, there.
/// </summary>
public static partial class KnowledgeBaseApi
{
    public const int MaxTitleLength = 200, MaxBodyLength = 100_000, MaxSlugLength = 100;

    public sealed record ArticleRequest(string? Slug, string? Title, string? Body, Guid? CategoryId, string? Visibility);
    public sealed record CategoryRequest(string? Slug, string? Name, int? Position);

    public sealed record VersionView(int Version, string Title, string? AuthorName, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

    /// <summary>An article as its authors see it: the newest version's text (maybe a draft), what is published, and every version.</summary>
    public sealed record AuthoringView(
        Guid ArticleId, string Slug, Guid? CategoryId, string Visibility, int LatestVersion, int? PublishedVersion,
        string Title, string Body, DateTimeOffset? PublishedAt, int HelpfulYes, int HelpfulNo, IReadOnlyList<VersionView> Versions);

    public sealed record ArticleListItem(
        Guid ArticleId, string Slug, string Title, string Visibility, int LatestVersion, int? PublishedVersion, DateTimeOffset UpdatedAt);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>Who writes the knowledge base: the support desk (agents) and admins; CSMs read it.</summary>
    public static readonly string[] Authors = [Roles.Admin, Roles.Agent];

    /// <summary><c>GET /api/support/kb/articles</c>: every article, drafts too, last changed first.</summary>
    public static async Task<Ok<List<ArticleListItem>>> ListAsync(TicketingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.KbArticles.AsNoTracking()
            .OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id)
            .Select(a => new ArticleListItem(a.Id, a.Slug,
                db.KbArticleVersions.Where(v => v.ArticleId == a.Id && v.Version == a.LatestVersion).Select(v => v.Title).First(),
                a.Visibility, a.LatestVersion, a.PublishedVersion, a.UpdatedAt))
            .ToListAsync(cancellationToken));

    /// <summary><c>GET /api/support/kb/articles/{articleId}</c>.</summary>
    public static async Task<Results<Ok<AuthoringView>, NotFound>> GetAsync(Guid articleId, TicketingDbContext db, CancellationToken cancellationToken) =>
        await ViewAsync(articleId, db, cancellationToken) is { } view ? TypedResults.Ok(view) : (Results<Ok<AuthoringView>, NotFound>)TypedResults.NotFound();

    private static async Task<AuthoringView?> ViewAsync(Guid articleId, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var article = await db.KbArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
            return null;
        var versions = await db.KbArticleVersions.AsNoTracking().Where(v => v.ArticleId == articleId).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        var latest = versions[0];
        return new AuthoringView(article.Id, article.Slug, article.CategoryId, article.Visibility, article.LatestVersion, article.PublishedVersion,
            latest.Title, latest.BodyMarkdown, article.PublishedAt, article.HelpfulYes, article.HelpfulNo,
            versions.Select(v => new VersionView(v.Version, v.Title, v.AuthorName, v.CreatedAt, v.PublishedAt)).ToList());
    }

    /// <summary><c>POST /api/support/kb/articles {slug, title, body, categoryId?, visibility?}</c> → 201: a new article, its first version a draft.</summary>
    public static async Task<Results<Created<AuthoringView>, ValidationProblem>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ArticleRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var slug = Slug(body.Slug, errors);
        var (title, text, visibility) = await ValidateAsync(body, db, errors, cancellationToken);
        if (errors.Count == 0 && await db.KbArticles.AnyAsync(a => a.Slug == slug, cancellationToken))
            errors["slug"] = [$"An article already has the slug '{slug}'."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var now = time.GetUtcNow();
        var article = new KbArticle
        {
            Id = Guid.CreateVersion7(now),
            Slug = slug!,
            CategoryId = body.CategoryId,
            Visibility = visibility ?? KbVisibility.Public,
            LatestVersion = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.KbArticles.Add(article);
        db.KbArticleVersions.Add(Version(article, 1, title!, text!, user, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = [$"An article already has the slug '{slug}'."] });
        }
        return TypedResults.Created($"/api/support/kb/articles/{article.Id}", await ViewAsync(article.Id, db, cancellationToken));
    }

    /// <summary><c>PUT /api/support/kb/articles/{articleId}/draft {title, body, categoryId?, visibility?}</c>: a new version; readers still see the published one.</summary>
    public static async Task<Results<Ok<AuthoringView>, NotFound, ValidationProblem>> SaveDraftAsync(
        Guid articleId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ArticleRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var (title, text, visibility) = await ValidateAsync(body, db, errors, cancellationToken);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var found = await db.InTransactionAsync(async () =>
        {
            var article = await LockAsync(db, articleId, cancellationToken);
            if (article is null)
                return false;
            var now = time.GetUtcNow();
            article.LatestVersion++;
            article.CategoryId = body.CategoryId;
            article.Visibility = visibility ?? article.Visibility;
            article.UpdatedAt = now;
            db.KbArticleVersions.Add(Version(article, article.LatestVersion, title!, text!, user, now));
            return true;
        }, cancellationToken);
        if (!found)
            return TypedResults.NotFound();
        return TypedResults.Ok(await ViewAsync(articleId, db, cancellationToken));
    }

    /// <summary><c>POST /api/support/kb/articles/{articleId}/publish</c>: the newest version becomes what readers see (publishing it again changes nothing).</summary>
    public static async Task<Results<Ok<AuthoringView>, NotFound>> PublishAsync(
        Guid articleId, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await db.InTransactionAsync(async () =>
        {
            var article = await LockAsync(db, articleId, cancellationToken);
            if (article is null)
                return false;
            if (article.PublishedVersion == article.LatestVersion)
                return true;
            var version = await db.KbArticleVersions.SingleAsync(v => v.ArticleId == articleId && v.Version == article.LatestVersion, cancellationToken);
            article.Publish(version, time.GetUtcNow());
            return true;
        }, cancellationToken);
        if (!found)
            return TypedResults.NotFound();
        return TypedResults.Ok(await ViewAsync(articleId, db, cancellationToken));
    }

    /// <summary><c>POST /api/support/kb/categories {slug, name, position?}</c> → 201.</summary>
    public static async Task<Results<Created<ArticlesApi.CategoryView>, ValidationProblem>> CreateCategoryAsync(
        HttpRequest request, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<CategoryRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var slug = Slug(body.Slug, errors);
        var name = TicketRules.Text(body.Name, "name", 100, errors);
        if (errors.Count == 0 && await db.KbCategories.AnyAsync(c => c.Slug == slug, cancellationToken))
            errors["slug"] = [$"A category already has the slug '{slug}'."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var category = new KbCategory { Id = Guid.CreateVersion7(), Slug = slug!, Name = name!, Position = body.Position ?? 0 };
        db.KbCategories.Add(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = [$"A category already has the slug '{slug}'."] });
        }
        return TypedResults.Created($"/api/support/categories", new ArticlesApi.CategoryView(category.Id, category.Slug, category.Name, 0));
    }

    private static async Task<(string? Title, string? Body, string? Visibility)> ValidateAsync(
        ArticleRequest body, TicketingDbContext db, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var title = TicketRules.Text(body.Title, "title", MaxTitleLength, errors);
        var text = TicketRules.Text(body.Body, "body", MaxBodyLength, errors);
        var visibility = TicketRules.OneOf(body.Visibility, "visibility", KbVisibility.All, errors);
        if (body.CategoryId is { } categoryId && !await db.KbCategories.AnyAsync(c => c.Id == categoryId, cancellationToken))
            errors["categoryId"] = [$"'categoryId' {categoryId} is not a category."];
        return (title, text, visibility);
    }

    /// <summary>
    /// Two authors taking one slug at the same moment: the unique index refuses the second, which gets the 400 the
    /// check before it gives (that check stays, so the usual mistake is not a failed insert in the logs).
    /// </summary>
    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    private static string? Slug(string? value, Dictionary<string, string[]> errors)
    {
        var slug = value?.Trim();
        if (string.IsNullOrEmpty(slug) || slug.Length > MaxSlugLength || !SlugPattern().IsMatch(slug))
            errors["slug"] = [$"'slug' is required: up to {MaxSlugLength} lower-case letters and digits, words joined by '-'."];
        return slug;
    }

    private static KbArticleVersion Version(KbArticle article, int version, string title, string body, ClaimsPrincipal user, DateTimeOffset now) => new()
    {
        ArticleId = article.Id,
        Version = version,
        Title = title,
        BodyMarkdown = body,
        AuthorId = user.GetCustomerId(),
        AuthorName = user.GetDisplayName(),
        CreatedAt = now,
    };

    private static async Task<KbArticle?> LockAsync(TicketingDbContext db, Guid articleId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT id FROM kb_articles WHERE id = {articleId} FOR UPDATE", cancellationToken);
        return await db.KbArticles.SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
    }
}
