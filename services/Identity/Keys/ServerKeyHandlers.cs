using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CustomerPlatform.Identity;

/// <summary>
/// OpenIddict reads its keys from options made once at start; these handlers give it the ring's keys
/// on every use instead, so a rotation needs no restart: tokens are signed and encrypted with the
/// current keys, validated and decrypted with every key still valid, and the JWKS lists every signing
/// key still valid, the next one included (ADR-016). The options get the start's current keys only
/// because OpenIddict checks at start that it has some.
/// </summary>
public static class ServerKeyHandlers
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> All =>
        [CurrentCredentials.Descriptor, ValidationKeys.Descriptor, PublishedKeys.Descriptor];

    public sealed class StartKeys(ServerKeyStore store) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            var ring = store.Ring;
            options.SigningCredentials.Add(new SigningCredentials(ring.CurrentSigning(store.Now), SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(Encrypting(ring.CurrentEncryption(store.Now)));
        }
    }

    public sealed class CurrentCredentials(ServerKeyStore store) : IOpenIddictServerHandler<GenerateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
                .UseSingletonHandler<CurrentCredentials>()
                .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(GenerateTokenContext context)
        {
            var ring = store.Ring;
            var now = store.Now;
            if (context.SigningCredentials is not null)
                context.SigningCredentials = new SigningCredentials(ring.CurrentSigning(now), SecurityAlgorithms.RsaSha256);
            if (context.EncryptionCredentials is not null)
                context.EncryptionCredentials = Encrypting(ring.CurrentEncryption(now));
            return default;
        }
    }

    public sealed class ValidationKeys(ServerKeyStore store) : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<ValidationKeys>()
                .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            // The platform's own tokens only: client assertions (none are accepted) carry the client's keys.
            if (context.TokenValidationParameters is { } parameters && parameters.IssuerSigningKeyResolver is null)
            {
                var ring = store.Ring;
                parameters.IssuerSigningKeys = ring.SigningKeys;
                parameters.TokenDecryptionKeys = ring.EncryptionKeys;
            }
            return default;
        }
    }

    public sealed class PublishedKeys(ServerKeyStore store) : IOpenIddictServerHandler<HandleJsonWebKeySetRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<HandleJsonWebKeySetRequestContext>()
                .UseSingletonHandler<PublishedKeys>()
                .SetOrder(OpenIddictServerHandlers.Discovery.AttachSigningKeys.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(HandleJsonWebKeySetRequestContext context)
        {
            context.Keys.Clear();
            foreach (var key in store.Ring.SigningKeys)
                context.Keys.Add(PublicJsonWebKey(key));
            return default;
        }
    }

    private static JsonWebKey PublicJsonWebKey(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.RSA,
            Use = JsonWebKeyUseNames.Sig,
            Alg = SecurityAlgorithms.RsaSha256,
            Kid = key.KeyId,
            E = Base64UrlEncoder.Encode(parameters.Exponent),
            N = Base64UrlEncoder.Encode(parameters.Modulus),
        };
    }

    private static EncryptingCredentials Encrypting(RsaSecurityKey key) =>
        new(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512);
}
