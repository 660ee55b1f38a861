using Microsoft.IdentityModel.Tokens;

namespace CustomerPlatform.Identity;

/// <summary>The OpenID Connect server's keys: one signs tokens (published in the JWKS), one encrypts codes and refresh tokens.</summary>
public sealed record ServerKeys(RsaSecurityKey Signing, RsaSecurityKey Encryption);
