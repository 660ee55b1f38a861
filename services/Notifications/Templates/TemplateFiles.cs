namespace CustomerPlatform.Notifications.Templates;

/// <summary>The template files, embedded in the assembly (see the project file) so a deployment cannot lose them.</summary>
internal static class TemplateFiles
{
    public static string Read(string fileName)
    {
        using var stream = typeof(TemplateFiles).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"The email template file '{fileName}' is missing from Templates/Files.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
