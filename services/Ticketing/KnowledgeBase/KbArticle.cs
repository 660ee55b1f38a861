namespace CustomerPlatform.Ticketing.KnowledgeBase;

/// <summary>
/// A knowledge-base article: its slug and place, and what readers see, which is its published version (none
/// until the first publication). Every edit is a new <see cref="KbArticleVersion"/>; publishing copies one here.
/// </summary>
public sealed class KbArticle
{
    public Guid Id { get; init; }

    /// <summary>The article's address in the help centre: lower-case words joined by '-'.</summary>
    public required string Slug { get; init; }
    public Guid? CategoryId { get; set; }

    /// <summary><see cref="KbVisibility.Public"/> (the help centre, without signing in) or <see cref="KbVisibility.Internal"/> (staff only).</summary>
    public string Visibility { get; set; } = KbVisibility.Public;

    /// <summary>The newest version (a draft when it is above <see cref="PublishedVersion"/>).</summary>
    public int LatestVersion { get; set; }
    public int? PublishedVersion { get; set; }

    public string? Title { get; set; }
    public string? BodyMarkdown { get; set; }

    /// <summary>The published body rendered from Markdown and sanitised.</summary>
    public string? BodyHtml { get; set; }

    /// <summary>The published body as plain text: what full-text search reads (with the title), and the excerpt's source.</summary>
    public string? BodyText { get; set; }
    public string? Excerpt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public int HelpfulYes { get; set; }
    public int HelpfulNo { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Makes <paramref name="version"/> what readers see: its Markdown rendered and sanitised once, here, and its text for search.</summary>
    public void Publish(KbArticleVersion version, DateTimeOffset now)
    {
        var text = ArticleMarkdown.ToText(version.BodyMarkdown);
        PublishedVersion = version.Version;
        Title = version.Title;
        BodyMarkdown = version.BodyMarkdown;
        BodyHtml = ArticleMarkdown.ToHtml(version.BodyMarkdown);
        BodyText = text;
        Excerpt = ArticleMarkdown.Excerpt(text);
        PublishedAt = now;
        UpdatedAt = now;
        version.PublishedAt = now;
    }
}

/// <summary>One version of an article as an author saved it; versions are never changed, only added.</summary>
public sealed class KbArticleVersion
{
    public Guid ArticleId { get; init; }
    public int Version { get; init; }
    public required string Title { get; init; }
    public required string BodyMarkdown { get; init; }
    public Guid AuthorId { get; init; }
    public string? AuthorName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
}

public sealed class KbCategory
{
    public Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; set; }
    public int Position { get; set; }
}

public static class KbVisibility
{
    public const string Public = "public";
    public const string Internal = "internal";
    public static readonly IReadOnlyList<string> All = [Public, Internal];
}

/// <summary>A visitor's session in the help centre (the app sends one id per browser session): the self-service score's numerator.</summary>
public sealed class KbSession
{
    public Guid Id { get; init; }
    public Guid? CustomerId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
}

/// <summary>"This answered my question": a ticket the customer did not open because an article answered it.</summary>
public sealed class KbDeflection
{
    public Guid Id { get; init; }
    public Guid ArticleId { get; init; }
    public Guid? CustomerId { get; init; }
    public string? Query { get; init; }
    public DateTimeOffset At { get; init; }
}
