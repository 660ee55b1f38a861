using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.KnowledgeBase;

/// <summary>
/// In Development, a help centre with something in it: a few categories and published articles about the platform,
/// added once (by slug), after the migrations. A deployment writes its own.
/// </summary>
public sealed class KnowledgeBaseSeeder(IServiceScopeFactory scopes, IHostEnvironment environment, TimeProvider time, ILogger<KnowledgeBaseSeeder> logger)
    : IHostedService
{
    private sealed record Seed(string Category, string Slug, string Title, string Body);

    private static readonly (string Slug, string Name)[] Categories =
    [
        ("account", "Your account"),
        ("orders", "Orders and delivery"),
        ("getting-started", "Getting started"),
    ];

    private static readonly Seed[] Articles =
    [
        new("account", "reset-your-password", "Reset your password",
            """
            Forgot your password? On the sign-in page choose **Forgot your password?**, enter your email address and
            open the link we send you. The link works once and for a short time.

            After the reset you are signed out everywhere else, so nobody who knew the old password stays signed in.
            """),
        new("account", "change-your-email-address", "Change your email address",
            """
            Go to **Account** and enter the new address. We send a confirmation link to it; the change happens when you
            open that link, and your old address gets a note that it changed.
            """),
        new("orders", "track-your-order", "Track your order",
            """
            **Orders** lists everything you bought with its status. Once a parcel ships you see the carrier and the
            tracking number, and we email you the same. Delivery estimates come from the store when you order.
            """),
        new("orders", "order-did-not-arrive", "My order did not arrive",
            """
            1. Check the tracking number under **Orders**: the carrier's page often says where the parcel is.
            2. Wait one working day after the estimated delivery date: carriers are sometimes late.
            3. Still nothing? Ask us from **Support** and pick the order: we contact the carrier for you.
            """),
        new("getting-started", "your-onboarding-journey", "Your onboarding journey",
            """
            After you verify your email address, **Journey** walks you through setting up: your details, an approval by
            our team, your success manager, the product training and a short survey. Each step says what comes next.
            You can ask for help at any step.
            """),
        new("getting-started", "contact-support", "How to contact support",
            """
            Write to us from **Support → Ask us something new**. Tell us what happened and, if it is about an order, pick
            it. We answer in the app and by email; reply either way and it lands in the same conversation.
            """),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TicketingDbContext>();
        var now = time.GetUtcNow();

        var categories = await db.KbCategories.ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
        for (var i = 0; i < Categories.Length; i++)
        {
            var (slug, name) = Categories[i];
            if (categories.ContainsKey(slug))
                continue;
            var category = new KbCategory { Id = Guid.CreateVersion7(now), Slug = slug, Name = name, Position = i };
            db.KbCategories.Add(category);
            categories[slug] = category.Id;
        }

        var existing = await db.KbArticles.Select(a => a.Slug).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var seed in Articles.Where(a => !existing.Contains(a.Slug)))
        {
            var article = new KbArticle
            {
                Id = Guid.CreateVersion7(now),
                Slug = seed.Slug,
                CategoryId = categories[seed.Category],
                LatestVersion = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var version = new KbArticleVersion { ArticleId = article.Id, Version = 1, Title = seed.Title, BodyMarkdown = seed.Body, AuthorName = "CustomerPlatform", CreatedAt = now };
            article.Publish(version, now);
            db.KbArticles.Add(article);
            db.KbArticleVersions.Add(version);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (added > 0)
            logger.LogInformation("The help centre was seeded with {Count} articles", added);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
