using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CustomerPlatform.Loyalty.Captures;

/// <summary>
/// <c>/loyalty/widget.js</c>: the pop-up script (no framework), with the configured percentage and texts written into it once,
/// at first request; cached by browsers for five minutes and revalidated by its ETag.
/// </summary>
public sealed class Widget(IOptions<CaptureOptions> options)
{
    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(Widget).Assembly.GetManifestResourceStream("CustomerPlatform.Loyalty.Captures.widget.js")
            ?? throw new InvalidOperationException("The pop-up script is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Indentation carries nothing in it: dropped, the script is a tenth smaller.
        return string.Join('\n', reader.ReadToEnd().Split('\n').Select(line => line.TrimStart()));
    });

    private (string Script, string ETag)? _rendered;

    public IResult Serve(HttpContext context)
    {
        var (script, etag) = _rendered ??= Render(options.Value);
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Text(script, "text/javascript; charset=utf-8");
    }

    private static (string, string) Render(CaptureOptions options)
    {
        var texts = options.Texts;
        var config = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["percent"] = options.Percent,
            ["title"] = texts.Title,
            ["text"] = texts.Text,
            ["consent"] = texts.Consent,
            ["button"] = texts.Button,
            ["thanks"] = texts.Thanks,
            ["close"] = texts.Close,
        });
        var script = Source.Value.Replace("/*CONFIG*/{}", config, StringComparison.Ordinal);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..16]}\"").ToString();
        return (script, etag);
    }
}
