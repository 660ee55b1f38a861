namespace CustomerPlatform.Notifications.Templates;

public enum VariableKind
{
    /// <summary>One line of text (a name, a short phrase).</summary>
    Text,

    /// <summary>Text that may span lines (a message from a person).</summary>
    Paragraph,

    /// <summary>An absolute http or https URL.</summary>
    Link,

    /// <summary>A whole number within the variable's bounds.</summary>
    Number,

    /// <summary>An ISO 8601 date and time, shown to the reader in UTC.</summary>
    Timestamp,

    /// <summary>An email address.</summary>
    EmailAddress,
}
