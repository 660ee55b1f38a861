using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>The templates on their own: no server needed.</summary>
public sealed class When_templates_are_rendered
{
    private static readonly EmailRenderer Renderer = new(
        Options.Create(new NotificationsOptions { AppUrl = new Uri("https://app.example.com") }), TimeProvider.System);

    private static readonly EmailComposer Composer = new(Renderer);

    /// <summary>A valid value for each kind of variable, so every template can be rendered.</summary>
    private static string Sample(TemplateVariable variable) => variable.Kind switch
    {
        VariableKind.Link => $"https://app.example.com/{variable.Name}?token=abc",
        VariableKind.Number => variable.Min.ToString(),
        VariableKind.Timestamp => "2026-11-23T14:05:00Z",
        VariableKind.EmailAddress => "sam@example.com",
        _ => $"<{variable.Name}> & co",
    };

    public static TheoryData<string> Templates() => [.. EmailTemplateCatalog.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Should_render_every_template_in_html_and_text_within_the_layout(string name)
    {
        var template = EmailTemplateCatalog.Find(name)!;
        var request = Request(name, template.Variables.ToDictionary(v => v.Name, Sample));

        var email = Composer.Compose(request, template).Email;

        Assert.NotNull(email);
        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.DoesNotContain("{{", email.Subject + email.Html + email.Text);
        Assert.StartsWith("<!DOCTYPE html>", email.Html);
        Assert.Contains("CustomerPlatform", email.Html);
        Assert.Contains("CustomerPlatform", email.Text);
        Assert.NotNull(NotificationCategories.Find(template.Category));
        foreach (var variable in template.Variables.Where(v => v.Required && v.Kind == VariableKind.Link))
            Assert.Contains(Sample(variable), email.Text);
    }

    [Fact]
    public void Should_escape_values_in_html_but_not_in_text()
    {
        var email = Composer.Compose(Request(EmailTemplates.AccountChanged, new()
        {
            ["displayName"] = "<script>alert('x')</script>",
            ["change"] = "Your email changed to a&b@example.com",
            ["changedAt"] = "2026-11-23T14:05:00+01:00",
        }), EmailTemplateCatalog.Find(EmailTemplates.AccountChanged)).Email!;

        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;", email.Html);
        Assert.Contains("Hi <script>alert('x')</script>,", email.Text);
        Assert.Contains("23 November 2026, 13:05 UTC", email.Text);
    }

    [Fact]
    public void Should_show_the_opt_out_link_only_for_categories_that_can_be_turned_off()
    {
        var introduction = EmailTemplateCatalog.Find(EmailTemplates.SuccessManagerIntroduction)!;
        var verify = EmailTemplateCatalog.Find(EmailTemplates.VerifyEmail)!;

        var optional = Composer.Compose(Request(introduction.Name, introduction.Variables.ToDictionary(v => v.Name, Sample)), introduction).Email!;
        var security = Composer.Compose(Request(verify.Name, verify.Variables.ToDictionary(v => v.Name, Sample)), verify).Email!;

        Assert.Contains("https://app.example.com/settings/notifications", optional.Text);
        Assert.DoesNotContain("settings/notifications", security.Text);
        Assert.Contains("This is a security email", security.Html);
    }

    [Fact]
    public void Should_keep_sensitive_values_out_of_the_inbox_text()
    {
        var template = EmailTemplateCatalog.Find(EmailTemplates.ResetPassword)!;
        var request = Request(template.Name, new() { ["displayName"] = "Ann", ["resetLink"] = "https://app.example.com/reset?token=SECRET", ["expiresInMinutes"] = "60" })
            with { SensitiveVariables = ["resetLink"] };

        var email = Composer.Compose(request, template).Email!;

        Assert.Contains("token=SECRET", email.Text);
        Assert.DoesNotContain("SECRET", email.InboxText);
        Assert.Contains(EmailRenderer.HiddenValue, email.InboxText);
        Assert.Contains("expires in 60 minutes", email.InboxText);
    }

    [Theory]
    [InlineData("2026-11-23 14:05:00Z")]
    [InlineData("2026-11-23T14:05:00.0000000+00:00")]
    [InlineData("2026-11-23T15:05:00+01:00")]
    public void Should_read_a_timestamp_in_the_iso_forms_senders_use(string changedAt)
    {
        var template = EmailTemplateCatalog.Find(EmailTemplates.AccountChanged)!;

        var email = Composer.Compose(Request(template.Name, new() { ["displayName"] = "Ann", ["change"] = "Your password was changed.", ["changedAt"] = changedAt }), template).Email!;

        Assert.Contains("23 November 2026, 14:05 UTC", email.Text);
    }

    [Theory]
    [InlineData("changedAt", "yesterday", "'changedAt' is not an ISO 8601 date and time")]
    [InlineData("change", "", "'change' is required")]
    public void Should_refuse_an_invalid_account_change(string name, string value, string error)
    {
        var template = EmailTemplateCatalog.Find(EmailTemplates.AccountChanged)!;
        var variables = new Dictionary<string, string> { ["displayName"] = "Ann", ["change"] = "Your password was changed.", ["changedAt"] = "2026-11-23 14:05:00Z" };
        variables[name] = value;

        Assert.Contains(error, Composer.Compose(Request(template.Name, variables), template).Error);
    }

    [Theory]
    [InlineData("resetLink", "", "'resetLink' is required")]
    [InlineData("resetLink", "ftp://example.com/x", "'resetLink' is not an absolute http or https URL")]
    [InlineData("resetLink", "/reset?token=1", "'resetLink' is not an absolute http or https URL")]
    [InlineData("expiresInMinutes", "0", "'expiresInMinutes' is not a whole number from 1 to 1440")]
    [InlineData("expiresInMinutes", "1e3", "'expiresInMinutes' is not a whole number")]
    [InlineData("displayName", "Ann\r\nBcc: x@example.com", "'displayName' contains control characters")]
    public void Should_refuse_an_invalid_variable_with_its_name(string name, string value, string error)
    {
        var template = EmailTemplateCatalog.Find(EmailTemplates.ResetPassword)!;
        var variables = new Dictionary<string, string> { ["displayName"] = "Ann", ["resetLink"] = "https://app.example.com/r", ["expiresInMinutes"] = "60" };
        variables[name] = value;

        var composed = Composer.Compose(Request(template.Name, variables), template);

        Assert.Null(composed.Email);
        Assert.Contains(error, composed.Error);
    }

    private static SendEmail Request(string template, Dictionary<string, string> variables) => new()
    {
        NotificationId = Guid.NewGuid(),
        CustomerId = Guid.NewGuid(),
        To = "ann@example.com",
        Template = template,
        Variables = variables,
    };
}
