using System.Security.Cryptography;

namespace CustomerPlatform.Training;

/// <summary>
/// The order a customer sees the questions and choices in: shuffled per attempt, but the same every time
/// the page is loaded during that attempt (the seed is the customer, the enrollment and the attempt number),
/// so a reload does not rearrange a half-answered quiz. Grading is by ids and ignores the order.
/// </summary>
public static class QuizShuffle
{
    public static Random For(Guid customerId, Guid enrollmentId, int attemptNumber)
    {
        Span<byte> input = stackalloc byte[36];
        customerId.TryWriteBytes(input[..16]);
        enrollmentId.TryWriteBytes(input[16..32]);
        BitConverter.TryWriteBytes(input[32..], attemptNumber);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // Random with a seed has a fixed algorithm across .NET versions (kept for compatibility).
        return new Random(BitConverter.ToInt32(hash));
    }

    public static IReadOnlyList<T> Shuffle<T>(IReadOnlyList<T> items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy;
    }
}
