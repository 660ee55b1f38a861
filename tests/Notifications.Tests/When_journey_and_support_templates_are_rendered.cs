using System.Reflection;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>
/// The templates Onboarding and Ticketing send, with the values those services pass (the catalog-wide
/// theory in <see cref="When_templates_are_rendered"/> renders them with generic samples). No server needed.
/// </summary>
public sealed class When_journey_and_support_templates_are_rendered
{
    private static readonly EmailComposer Composer = new(new EmailRenderer(
        Options.Create(new NotificationsOptions { AppUrl = new Uri("https://app.example.com") }), TimeProvider.System));

    /// <summary>Realistic values per template, as their senders fill them.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Examples = new()
    {
        [EmailTemplates.DetailsForm] = new()
        {
            ["displayName"] = "Ann Example",
            ["formLink"] = "https://app.example.com/onboarding/details",
        },
        [EmailTemplates.StepRejected] = new()
        {
            ["displayName"] = "Ann Example",
            ["stepTitle"] = "Approval: User Details",
            ["reason"] = "The company name is missing.\nPlease add it.",
            ["journeyLink"] = "https://app.example.com/onboarding",
        },
        [EmailTemplates.StepReminder] = new()
        {
            ["displayName"] = "Ann Example",
            ["stepTitle"] = "User sets up personal profile",
            ["journeyLink"] = "https://app.example.com/onboarding",
        },
        [EmailTemplates.ApprovalReminder] = new()
        {
            ["displayName"] = "Sam Success",
            ["customerName"] = "Ann Example",
            ["stepTitle"] = "Approval: Initial Training",
            ["requestedAt"] = "2026-11-23T14:05:00Z",
            ["approvalsLink"] = "https://app.example.com/staff/approvals",
        },
        [EmailTemplates.SatisfactionSurvey] = new()
        {
            ["displayName"] = "Ann Example",
            ["managerName"] = "Sam Success",
            ["surveyLink"] = "https://app.example.com/onboarding/survey",
        },
        [EmailTemplates.TicketReplied] = new()
        {
            ["displayName"] = "Ann Example",
            ["ticketSubject"] = "How do I invite my team?",
            ["ticketNumber"] = "1042",
            ["replyAuthor"] = "Sam Success",
            ["replyExcerpt"] = "Open Settings, then Team.\nInvite by email.",
            ["ticketLink"] = "https://app.example.com/support/tickets/42",
        },
        [EmailTemplates.LoyaltyTierUpgraded] = new()
        {
            ["tierName"] = "Silver",
            ["loyaltyLink"] = "https://app.example.com/loyalty",
            ["benefits"] = "Free shipping on every order\nEarly access to new products and sales",
        },
        [EmailTemplates.FirstPurchaseCode] = new()
        {
            ["code"] = "K7P2QRW9ZX4M",
            ["percent"] = "10",
            ["expiresAt"] = "2027-01-06T21:30:00Z",
        },
        [EmailTemplates.LoyaltyPointsExpiring] = new()
        {
            ["points"] = "350",
            ["expiresAt"] = "2027-03-01T08:15:00Z",
            ["loyaltyLink"] = "https://app.example.com/loyalty",
        },
    };

    private static readonly Dictionary<string, string> Categories = new()
    {
        [EmailTemplates.DetailsForm] = NotificationCategories.Onboarding,
        [EmailTemplates.StepRejected] = NotificationCategories.Onboarding,
        [EmailTemplates.StepReminder] = NotificationCategories.Onboarding,
        [EmailTemplates.ApprovalReminder] = NotificationCategories.Onboarding,
        [EmailTemplates.SatisfactionSurvey] = NotificationCategories.Onboarding,
        [EmailTemplates.TicketReplied] = NotificationCategories.Support,
        [EmailTemplates.LoyaltyTierUpgraded] = NotificationCategories.Loyalty,
        [EmailTemplates.FirstPurchaseCode] = NotificationCategories.Loyalty,
        [EmailTemplates.LoyaltyPointsExpiring] = NotificationCategories.Loyalty,
    };

    public static TheoryData<string> Templates() => [.. Examples.Keys];

    public static TheoryData<string, string> RequiredVariables()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Examples.Keys)
            foreach (var variable in EmailTemplateCatalog.Find(name)!.Variables.Where(v => v.Required))
                data.Add(name, variable.Name);
        return data;
    }

    [Fact]
    public void Should_know_every_template_the_contracts_name()
    {
        var named = typeof(EmailTemplates).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(named, name => Assert.NotNull(EmailTemplateCatalog.Find(name)));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Should_render_with_every_value_in_its_category(string name)
    {
        var template = EmailTemplateCatalog.Find(name)!;

        var email = Composer.Compose(Request(name, Examples[name]), template).Email;

        Assert.NotNull(email);
        Assert.Equal(Categories[name], template.Category);
        Assert.Equal(template.Variables.Select(v => v.Name).Order(), Examples[name].Keys.Order());
        Assert.DoesNotContain("{{", email.Subject + email.Html + email.Text);
        // A timestamp is written for people ("23 November 2026, 14:05 UTC"), not as it was sent.
        var timestamps = template.Variables.Where(v => v.Kind == VariableKind.Timestamp).Select(v => v.Name).ToHashSet();
        foreach (var (variable, value) in Examples[name].Where(v => !timestamps.Contains(v.Key)))
            Assert.Contains(value, email.Text);
        Assert.Contains("https://app.example.com/settings/notifications", email.Text);
    }

    [Theory]
    [MemberData(nameof(RequiredVariables))]
    public void Should_refuse_a_request_missing_a_required_variable(string name, string variable)
    {
        var variables = new Dictionary<string, string>(Examples[name]);
        variables.Remove(variable);

        var composed = Composer.Compose(Request(name, variables), EmailTemplateCatalog.Find(name));

        Assert.Null(composed.Email);
        Assert.Contains($"'{variable}' is required", composed.Error);
    }

    [Fact]
    public void Should_show_the_approval_request_time_for_a_reader()
    {
        var email = Composer.Compose(Request(EmailTemplates.ApprovalReminder, Examples[EmailTemplates.ApprovalReminder]),
            EmailTemplateCatalog.Find(EmailTemplates.ApprovalReminder)).Email!;

        Assert.Equal("Ann Example is waiting for your approval", email.Subject);
        Assert.Contains("Requested 23 November 2026, 14:05 UTC", email.Text);
    }

    [Fact]
    public void Should_put_the_ticket_subject_in_the_subject_and_escape_the_reply_in_html()
    {
        var variables = new Dictionary<string, string>(Examples[EmailTemplates.TicketReplied]) { ["replyExcerpt"] = "Use <b>Settings</b> & Team" };

        var email = Composer.Compose(Request(EmailTemplates.TicketReplied, variables), EmailTemplateCatalog.Find(EmailTemplates.TicketReplied)).Email!;

        Assert.Equal("Re: How do I invite my team? [#1042]", email.Subject);
        Assert.Contains("Use &lt;b&gt;Settings&lt;/b&gt; &amp; Team", email.Html);
        Assert.Contains("Use <b>Settings</b> & Team", email.Text);
    }

    [Fact]
    public void Should_name_the_tier_in_the_subject_and_leave_out_benefits_a_tier_has_none_of()
    {
        var template = EmailTemplateCatalog.Find(EmailTemplates.LoyaltyTierUpgraded)!;
        var variables = new Dictionary<string, string>(Examples[EmailTemplates.LoyaltyTierUpgraded]) { ["tierName"] = "Gold & more" };
        variables.Remove("benefits");

        var email = Composer.Compose(Request(EmailTemplates.LoyaltyTierUpgraded, variables), template).Email!;

        Assert.Equal("You are now Gold & more at CustomerPlatform", email.Subject);
        Assert.Contains("Gold &amp; more", email.Html);
        Assert.DoesNotContain("Free shipping", email.Text);
        Assert.Contains("https://app.example.com/loyalty", email.Text);
        Assert.True(NotificationCategories.Find(template.Category)!.CanOptOut);
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
