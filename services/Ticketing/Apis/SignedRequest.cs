using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// A delivery signed by an outside sender (our email provider, the feedback integrations), each with a secret of
/// its own: the header <c>X-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the exact bytes of the body
/// with the shared secret, compared in constant time (a comparison that stops at the first wrong byte tells an
/// attacker how many they got right).
/// </summary>
public static class SignedRequest
{
    public const string Header = "X-Signature-256";
    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string secret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
            return false;
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>
    /// The whole body of a delivery signed with <paramref name="secret"/>, or the problem to answer instead: 413 when
    /// it is longer than <paramref name="limit"/> bytes, 401 when the signature is missing or wrong. The problems call
    /// the body <paramref name="content"/> ("message") and the secret <paramref name="secretName"/> ("the channel's secret").
    /// </summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string secret, long limit,
        string content, string secretName, CancellationToken cancellationToken)
    {
        var body = request.ContentLength > limit ? null : await ReadAsync(request.Body, limit, cancellationToken);
        if (body is null)
            return (null, TypedResults.Problem($"The {content} is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge,
                title: $"The {content} is too large"));
        if (!IsValid(body, request.Headers[Header], secret))
            return (null, TypedResults.Problem($"The {Header} header is missing or is not the HMAC-SHA256 of the body with {secretName}.",
                statusCode: StatusCodes.Status401Unauthorized, title: "The signature is missing or wrong"));
        return (body, null);
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
