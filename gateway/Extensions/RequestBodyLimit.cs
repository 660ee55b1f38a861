using Microsoft.AspNetCore.Http.Features;

namespace CustomerPlatform.Gateway;

/// <summary>
/// Answers a request whose declared body is over the gateway's limit with a 413 problem before any
/// of it is read, and lets the server discard the rest of the body afterwards. Left to Kestrel, the
/// limit throws on the first read and the connection is closed at once: a client still sending its
/// body then sees a broken pipe or a reset instead of the 413 (what servers such as nginx avoid by
/// lingering on close). Kestrel drains an unread body for at most five seconds, so lifting the limit
/// for the drain does not let anyone keep the connection busy.
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength is { } length && limit is { MaxRequestBodySize: { } max, IsReadOnly: false } && length > max)
        {
            limit.MaxRequestBodySize = null;
            await Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The request body is too large.",
                detail: $"The gateway accepts bodies of at most {max} bytes; this one declared {length}.").ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
