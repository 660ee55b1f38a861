using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CustomerPlatform.Identity;

/// <summary>
/// Stores no database entry for access and identity tokens: they are signed JWTs every service
/// checks on its own, so their rows were written on every sign-in and never read. Refresh tokens and
/// codes keep theirs (single use, reuse detection, revocation on a password reset), and so does
/// the authorization that chains them.
/// </summary>
public sealed class SelfContainedTokenEntries : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<SelfContainedTokenEntries>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.IdentityToken)
            context.CreateTokenEntry = false;
        return default;
    }
}
