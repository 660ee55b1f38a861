namespace CustomerPlatform.Identity;

/// <summary>
/// Identity's data-protection keys (sign-in cookies, anti-forgery tokens) are encrypted in identitydb with
/// the <see cref="KeyEncryptionKey"/> (<see cref="KeyRingEncryptor"/>). The keys already stored name this
/// type as their decryptor, so it keeps its name.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : KeyRingDecryptor(services);
