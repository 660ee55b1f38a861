using Microsoft.Extensions.DependencyInjection;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Encrypts each ASP.NET Core data-protection key with the process's <see cref="KeyEncryptionSecret"/> before
/// it is stored; without it, data protection on Linux stores its keys in clear XML. The stored key names
/// <paramref name="decryptor"/>, which data protection makes (through the service provider) to read it back.
/// </summary>
public sealed class KeyRingEncryptor(KeyEncryptionSecret key, Type decryptor) : IXmlEncryptor
{
    internal const string Purpose = "data-protection key ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("encryptedKey",
                new XComment($" Encrypted with {key.Setting} (AES-256-GCM). "),
                new XElement("value", key.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose))),
            decryptor);
}

/// <summary>Reads a key <see cref="KeyRingEncryptor"/> wrote, with the <see cref="KeyEncryptionSecret"/> the process registered.</summary>
public class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyEncryptionSecret>();
        var value = encryptedElement.Element("value")?.Value ?? throw new FormatException("The encrypted key has no value.");
        return XElement.Parse(key.Unprotect(value, KeyRingEncryptor.Purpose));
    }
}
