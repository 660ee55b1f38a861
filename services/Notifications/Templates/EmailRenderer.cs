using System.Globalization;
using HandlebarsDotNet;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Notifications.Templates;

/// <summary>
/// Renders the catalog's templates with Handlebars: HTML (values HTML-escaped) and plain text, each
/// body wrapped in its layout. Strict: a template naming a value nobody provides throws instead of
/// sending a blank. Everything is compiled once, at construction, so a broken file stops the service
/// at its first email rather than one customer's.
/// </summary>
public sealed class EmailRenderer
{
    /// <summary>What the inbox shows in place of a sensitive value (a verification or reset link).</summary>
    public const string HiddenValue = "[sent by email only]";

    private readonly NotificationsOptions _options;
    private readonly TimeProvider _time;
    private readonly HandlebarsTemplate<object, object> _htmlLayout;
    private readonly HandlebarsTemplate<object, object> _textLayout;
    private readonly Dictionary<string, Compiled> _templates = [];

    public EmailRenderer(IOptions<NotificationsOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var html = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        var text = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });
        html.RegisterTemplate("button", TemplateFiles.Read("_button.html.hbs"));
        _htmlLayout = html.Compile(TemplateFiles.Read("_layout.html.hbs"));
        _textLayout = text.Compile(TemplateFiles.Read("_layout.text.hbs"));

        foreach (var template in EmailTemplateCatalog.All)
        {
            _templates[template.Name] = new Compiled(
                text.Compile(template.Subject),
                html.Compile(TemplateFiles.Read($"{template.Name}.html.hbs")),
                text.Compile(TemplateFiles.Read($"{template.Name}.text.hbs")));
        }
    }

    /// <param name="values">The validated, formatted variables, sensitive ones included.</param>
    /// <param name="sensitive">Names of the variables the inbox must not show.</param>
    public RenderedEmail Render(EmailTemplate template, IReadOnlyDictionary<string, string> values, IReadOnlyCollection<string> sensitive)
    {
        var compiled = _templates[template.Name];
        var category = NotificationCategories.Find(template.Category)
            ?? throw new InvalidOperationException($"Template '{template.Name}' names an unknown category '{template.Category}'.");

        var data = Data(values, category);
        var subject = compiled.Subject(data).Trim();
        var html = _htmlLayout(With(data, "body", compiled.Html(data), "subject", subject));
        var text = _textLayout(With(data, "body", compiled.Text(data).Trim(), "subject", subject));

        var shown = values.ToDictionary(v => v.Key, v => sensitive.Contains(v.Key) ? HiddenValue : v.Value);
        var inboxText = compiled.Text(Data(shown, category)).Trim();
        return new RenderedEmail(subject, html, text, inboxText);
    }

    private Dictionary<string, object?> Data(IReadOnlyDictionary<string, string> values, NotificationCategory category)
    {
        var appUrl = _options.AppUrl.ToString().TrimEnd('/');
        var data = values.ToDictionary(v => v.Key, v => (object?)v.Value);
        data["platform"] = new Dictionary<string, object?>
        {
            ["name"] = _options.ProductName,
            ["url"] = appUrl,
            ["preferencesUrl"] = appUrl + _options.PreferencesPath,
        };
        data["category"] = new Dictionary<string, object?>
        {
            ["name"] = category.Name,
            ["description"] = category.Description,
            ["canOptOut"] = category.CanOptOut,
        };
        data["year"] = _time.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture);
        return data;
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> data, string key1, object value1, string key2, object value2) =>
        new(data) { [key1] = value1, [key2] = value2 };

    private sealed record Compiled(
        HandlebarsTemplate<object, object> Subject,
        HandlebarsTemplate<object, object> Html,
        HandlebarsTemplate<object, object> Text);
}
