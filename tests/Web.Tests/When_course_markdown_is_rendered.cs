namespace CustomerPlatform.Web.Tests;

/// <summary>Module content is written by admins and shown to every learner: it must never carry script.</summary>
public sealed class When_course_markdown_is_rendered
{
    private static string Html(string markdown) => Markdown.ToHtml(markdown).Value;

    [Fact]
    public void Should_render_the_usual_markdown()
    {
        var html = Html("# Title\n\nSome **bold** text and a [link](https://example.com/docs).\n\n- one\n- two");
        Assert.Contains("<h2", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("href=\"https://example.com/docs\"", html);
        Assert.Contains("noopener", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Text <span onmouseover=\"alert(1)\">hover</span>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Should_show_raw_html_as_text(string markdown)
    {
        var html = Html(markdown);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<span", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click]( javascript:alert(1) )")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("[click](//evil.example/x)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![click](javascript:alert(1))")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)")]
    public void Should_drop_links_that_are_not_http_mailto_or_on_this_site(string markdown)
    {
        var html = Html(markdown);
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[docs](/training)", "href=\"/training\"")]
    [InlineData("[mail](mailto:help@example.com)", "href=\"mailto:help@example.com\"")]
    [InlineData("<help@example.com>", "href=\"mailto:help@example.com\"")]
    public void Should_keep_safe_links(string markdown, string expected) => Assert.Contains(expected, Html(markdown));
}
