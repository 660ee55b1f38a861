using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CustomerPlatform.Identity;

/// <summary>
/// Encrypts each data-protection key (sign-in cookies, anti-forgery tokens) with the
/// <see cref="KeyEncryptionKey"/> before it is written to identitydb; without it, data protection
/// on Linux stores its keys in clear XML.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal const string Purpose = "data-protection key ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("encryptedKey",
                new XComment(" Encrypted with Identity:KeyEncryptionKey (AES-256-GCM). "),
                new XElement("value", key.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose))),
            typeof(KeyRingXmlDecryptor));
}

/// <summary>Made by data protection itself (through the service provider) when it reads the key ring.</summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyEncryptionKey>();
        var value = encryptedElement.Element("value")?.Value ?? throw new FormatException("The encrypted key has no value.");
        return XElement.Parse(key.Unprotect(value, KeyRingXmlEncryptor.Purpose));
    }
}
