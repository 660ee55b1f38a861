namespace CustomerPlatform.Training;

internal static class Problems
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static Dictionary<string, string[]> Error(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };
}
