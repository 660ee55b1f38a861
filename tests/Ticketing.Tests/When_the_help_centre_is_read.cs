using System.Net;
using System.Net.Http.Json;
using System.Text;
using CustomerPlatform.Ticketing.KnowledgeBase;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// The knowledge base: authors write drafts and publish versions; readers (without signing in) find published,
/// public articles by full-text search, ranked, and read them sanitised; "was this helpful?", deflections and the
/// self-service score.
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_the_help_centre_is_read(TicketingFixture fixture)
{
    private sealed record Hit(Guid ArticleId, string Slug, string Title, string Excerpt, string? Visibility);
    private sealed record Article(Guid ArticleId, string Slug, string Title, string? Category, string Visibility, string Html, DateTimeOffset PublishedAt, int HelpfulYes, int HelpfulNo);
    private sealed record Authoring(Guid ArticleId, string Slug, int LatestVersion, int? PublishedVersion, string Title, string Body);
    private sealed record Category(Guid CategoryId, string Slug, string Name, int Articles);
    private sealed record SelfService(int KnowledgeBaseSessions, int CustomersWithTickets, double? SelfServiceScore, int Deflections);

    private static string Unique(string word) => $"{word}{Guid.NewGuid():N}"[..20];

    private HttpClient Anonymous() => fixture.Service.CreateClient();

    private async Task<Authoring> WriteAsync(HttpClient author, string slug, string title, string body, string visibility = "public", Guid? categoryId = null, bool publish = true)
    {
        var created = await author.PostAsJsonAsync("/api/support/kb/articles", new { slug, title, body, visibility, categoryId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = (await created.Content.ReadFromJsonAsync<Authoring>())!;
        if (publish)
            (await author.PostAsync($"/api/support/kb/articles/{article.ArticleId}/publish", null)).EnsureSuccessStatusCode();
        return article;
    }

    [Fact]
    public async Task Should_show_only_what_is_published_and_sanitise_it()
    {
        var author = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var slug = $"pairing-{Guid.NewGuid():N}";
        var draft = await WriteAsync(author, slug, "Pair your device", "Hold the button.", publish: false);

        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/api/support/articles/{slug}")).StatusCode);

        (await author.PostAsync($"/api/support/kb/articles/{draft.ArticleId}/publish", null)).EnsureSuccessStatusCode();
        var v2 = await author.PutAsJsonAsync($"/api/support/kb/articles/{draft.ArticleId}/draft", new
        {
            title = "Pair your device (new)",
            body = "# Steps\n\n1. Hold **the button**.\n\n<script>alert(1)</script>\n\n[evil](javascript:alert(2)) and [fine](https://example.com/help)",
        });
        var saved = await v2.Content.ReadFromJsonAsync<Authoring>();
        Assert.Equal((2, (int?)1), (saved!.LatestVersion, saved.PublishedVersion));

        // Readers still see version 1 until version 2 is published.
        var first = await Anonymous().GetFromJsonAsync<Article>($"/api/support/articles/{slug}");
        Assert.Equal("Pair your device", first!.Title);

        (await author.PostAsync($"/api/support/kb/articles/{draft.ArticleId}/publish", null)).EnsureSuccessStatusCode();
        var second = await Anonymous().GetFromJsonAsync<Article>($"/api/support/articles/{slug}");
        Assert.Equal("Pair your device (new)", second!.Title);
        Assert.Contains("<strong>the button</strong>", second.Html);
        Assert.Contains("href=\"https://example.com/help\"", second.Html);
        Assert.DoesNotContain("<script", second.Html);
        Assert.DoesNotContain("javascript:", second.Html);
    }

    [Fact]
    public async Task Should_find_articles_by_their_words_best_match_first_and_while_typing()
    {
        var author = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        var word = Unique("zorbly").ToLowerInvariant();
        var inTitle = await WriteAsync(author, $"a-{Guid.NewGuid():N}", $"Resetting the {word} router", $"Unplug it and plug it back in.");
        var inBody = await WriteAsync(author, $"b-{Guid.NewGuid():N}", "Network troubles", $"Sometimes a {word} needs a restart. Resetting it helps.");
        var internalOne = await WriteAsync(author, $"c-{Guid.NewGuid():N}", $"Escalating {word} faults", "Call the vendor.", visibility: "internal");

        var hits = await Anonymous().GetFromJsonAsync<List<Hit>>($"/api/support/articles?q={Uri.EscapeDataString($"how to reset my {word}")}");
        Assert.NotNull(hits);
        // Both words first (the title's match above the text's), then articles with only one of them ("reset").
        Assert.Equal([inTitle.ArticleId, inBody.ArticleId], hits.Take(2).Select(h => h.ArticleId));
        Assert.Equal("Unplug it and plug it back in.", hits[0].Excerpt);

        // The last word is still being typed: its beginning matches.
        var typing = await Anonymous().GetFromJsonAsync<List<Hit>>($"/api/support/articles?q={word[..^4]}");
        Assert.Contains(typing!, h => h.ArticleId == inTitle.ArticleId);

        // Internal articles: staff only.
        var staffHits = await fixture.CreateClient(Guid.NewGuid(), Roles.Agent).GetFromJsonAsync<List<Hit>>($"/api/support/articles?q={word}");
        Assert.Contains(staffHits!, h => h.ArticleId == internalOne.ArticleId);
        Assert.DoesNotContain(hits, h => h.ArticleId == internalOne.ArticleId);
        var customer = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/support/articles/{internalOne.Slug}")).StatusCode);

        Assert.Empty((await Anonymous().GetFromJsonAsync<List<Hit>>("/api/support/articles?q=%21%21%21"))!);
    }

    [Fact]
    public async Task Should_let_agents_find_internal_articles_marked_as_such_and_customers_only_public_ones()
    {
        var author = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var word = Unique("quibbet").ToLowerInvariant();
        var open = await WriteAsync(author, $"p-{Guid.NewGuid():N}", $"Returning a {word}", "Send it back within 30 days.");
        var staffOnly = await WriteAsync(author, $"i-{Guid.NewGuid():N}", $"Refunding a {word} by hand", "Ask finance to refund it.", visibility: "internal");

        var agentHits = await fixture.CreateClient(Guid.NewGuid(), Roles.Agent).GetFromJsonAsync<List<Hit>>($"/api/support/articles?q={word}");
        var customerHits = await fixture.CreateCustomer(Guid.NewGuid()).GetFromJsonAsync<List<Hit>>($"/api/support/articles?q={word}");

        Assert.Equal("internal", Assert.Single(agentHits!, h => h.ArticleId == staffOnly.ArticleId).Visibility);
        Assert.Equal("public", Assert.Single(agentHits!, h => h.ArticleId == open.ArticleId).Visibility);
        Assert.Equal("public", Assert.Single(customerHits!, h => h.ArticleId == open.ArticleId).Visibility);
        Assert.DoesNotContain(customerHits!, h => h.ArticleId == staffOnly.ArticleId);
    }

    [Fact]
    public async Task Should_list_a_categorys_articles_and_count_them()
    {
        var author = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var slug = $"billing-{Guid.NewGuid():N}"[..30];
        var created = await author.PostAsJsonAsync("/api/support/kb/categories", new { slug, name = "Billing", position = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var category = (await created.Content.ReadFromJsonAsync<Category>())!;
        var article = await WriteAsync(author, $"invoices-{Guid.NewGuid():N}", "Download an invoice", "Orders, then Invoice.", categoryId: category.CategoryId);
        await WriteAsync(author, $"refund-draft-{Guid.NewGuid():N}", "Refunds (draft)", "Soon.", categoryId: category.CategoryId, publish: false);

        var categories = await Anonymous().GetFromJsonAsync<List<Category>>("/api/support/categories");
        Assert.Equal(1, categories!.Single(c => c.Slug == slug).Articles);
        var listed = await Anonymous().GetFromJsonAsync<List<Hit>>($"/api/support/articles?category={slug}");
        Assert.Equal([article.ArticleId], listed!.Select(h => h.ArticleId));
        Assert.Equal("Billing", (await Anonymous().GetFromJsonAsync<Article>($"/api/support/articles/{article.Slug}"))!.Category);
    }

    [Fact]
    public async Task Should_count_helpful_answers_sessions_and_deflections()
    {
        var author = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var article = await WriteAsync(author, $"helpful-{Guid.NewGuid():N}", "Change your plan", "Account, then Plan.");
        var from = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var before = await author.GetFromJsonAsync<SelfService>($"/api/support/reports/self-service?from={from}&to={from}");

        Assert.Equal(HttpStatusCode.Accepted, (await Anonymous().PostAsJsonAsync($"/api/support/articles/{article.Slug}/feedback", new { helpful = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Anonymous().PostAsJsonAsync($"/api/support/articles/{article.Slug}/feedback", new { helpful = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Anonymous().PostAsJsonAsync($"/api/support/articles/{article.Slug}/feedback", new { helpful = true })).StatusCode);
        var read = await Anonymous().GetFromJsonAsync<Article>($"/api/support/articles/{article.Slug}");
        Assert.Equal((2, 1), (read!.HelpfulYes, read.HelpfulNo));

        var session = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await Anonymous().PostAsJsonAsync("/api/support/kb-sessions", new { sessionId = session })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Anonymous().PostAsJsonAsync("/api/support/kb-sessions", new { sessionId = Guid.NewGuid() })).StatusCode);
        var customer = fixture.CreateCustomer(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsJsonAsync("/api/support/deflections", new { articleId = article.ArticleId, query = "change plan" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync("/api/support/deflections", new { articleId = article.ArticleId })).StatusCode);
        (await customer.PostAsJsonAsync("/api/support/tickets", new { subject = "Plan", body = "Still unsure." })).EnsureSuccessStatusCode();

        var after = await author.GetFromJsonAsync<SelfService>($"/api/support/reports/self-service?from={from}&to={from}");
        Assert.Equal(before!.KnowledgeBaseSessions + 2, after!.KnowledgeBaseSessions);
        Assert.Equal(before.Deflections + 1, after.Deflections);
        Assert.Equal(before.CustomersWithTickets + 1, after.CustomersWithTickets);
        Assert.Equal(Math.Round(after.KnowledgeBaseSessions / (double)after.CustomersWithTickets, 2), after.SelfServiceScore);
    }

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "POST", "/api/support/kb/articles", "{\"title\": \"T\", \"body\": \"B\"}|slug" },
        { "POST", "/api/support/kb/articles", "{\"slug\": \"Not A Slug\", \"title\": \"T\", \"body\": \"B\"}|slug" },
        { "POST", "/api/support/kb/articles", "{\"slug\": \"ok-slug\", \"body\": \"B\"}|title" },
        { "POST", "/api/support/kb/articles", "{\"slug\": \"ok-slug\", \"title\": \"T\"}|body" },
        { "POST", "/api/support/kb/articles", "{\"slug\": \"ok-slug\", \"title\": \"T\", \"body\": \"B\", \"visibility\": \"secret\"}|visibility" },
        { "POST", "/api/support/kb/articles", $"{{\"slug\": \"ok-slug\", \"title\": \"T\", \"body\": \"B\", \"categoryId\": \"{Guid.NewGuid()}\"}}|categoryId" },
        { "POST", "/api/support/kb/categories", "{\"name\": \"N\"}|slug" },
        { "POST", "/api/support/kb/categories", "{\"slug\": \"n\"}|name" },
        { "GET", "/api/support/articles?limit=0", "|limit" },
        { "GET", "/api/support/articles?limit=51", "|limit" },
        { "POST", "/api/support/kb-sessions", "{}|sessionId" },
        { "GET", "/api/support/reports/self-service?from=yesterday", "|from" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Should_refuse_a_bad_request_naming_the_field_and_write_nothing(string method, string path, string bodyAndField)
    {
        var (json, field) = (bodyAndField.Split('|')[0], bodyAndField.Split('|')[1]);
        var articles = await fixture.ReadAsync(db => db.KbArticles.CountAsync());
        var categories = await fixture.ReadAsync(db => db.KbCategories.CountAsync());
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json.Length > 0)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await fixture.CreateClient(Guid.NewGuid(), Roles.Admin).SendAsync(request);

        await ApiAssert.BadRequestNamingAsync(response, field);
        Assert.Equal(articles, await fixture.ReadAsync(db => db.KbArticles.CountAsync()));
        Assert.Equal(categories, await fixture.ReadAsync(db => db.KbCategories.CountAsync()));
    }

    [Fact]
    public async Task Should_let_only_agents_and_admins_write()
    {
        var body = new { slug = $"x-{Guid.NewGuid():N}", title = "T", body = "B" };
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.CreateClient(Guid.NewGuid(), Roles.Customer).PostAsJsonAsync("/api/support/kb/articles", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager).PostAsJsonAsync("/api/support/kb/articles", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync("/api/support/kb/articles", body)).StatusCode);
        Assert.False(await fixture.ReadAsync(db => db.KbArticles.AnyAsync(a => a.Slug == body.slug)));

        var duplicate = await fixture.CreateClient(Guid.NewGuid(), Roles.Agent).PostAsJsonAsync("/api/support/kb/articles", body);
        Assert.Equal(HttpStatusCode.Created, duplicate.StatusCode);
        await ApiAssert.BadRequestNamingAsync(await fixture.CreateClient(Guid.NewGuid(), Roles.Agent).PostAsJsonAsync("/api/support/kb/articles", body), "slug");
    }
}
