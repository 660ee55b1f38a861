namespace CustomerPlatform.Notifications.Templates;

/// <summary>
/// One notification type: its name (<c>SendEmail.Template</c>), the category a customer decides
/// about, its subject (a Handlebars template) and the variables it needs. Its bodies are the files
/// <c>Templates/Files/{Name}.html.hbs</c> and <c>{Name}.text.hbs</c>, wrapped in the shared layout.
/// </summary>
public sealed record EmailTemplate(string Name, string Category, string Subject, IReadOnlyList<TemplateVariable> Variables);
