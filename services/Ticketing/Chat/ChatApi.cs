using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerPlatform.Ticketing;

/// <summary>The live chat's REST routes (<c>/api/support/chats</c>): the same commands as <see cref="ChatHub"/>, answered as HTTP.</summary>
public static class ChatApi
{
    public sealed record Started(Guid ChatId);

    public static void MapChatApi(this RouteGroupBuilder api)
    {
        var chats = api.MapGroup("chats").RequireAuthorization();
        chats.MapPost("", StartAsync).WithName("StartChat").RequireAuthorization(policy => policy.RequireRole(Roles.Customer))
            .WithSummary("A customer starts a live chat with their first message");
        chats.MapGet("", ListAsync).WithName("ListChats").WithSummary("The caller's chats; for staff, the waiting chats and their live ones");
        chats.MapGet("{chatId:guid}", GetAsync).WithName("GetChat").WithSummary("A chat and its transcript");
        chats.MapPost("{chatId:guid}/messages", SendAsync).WithName("SendChatMessage").WithSummary("Writes in a chat");
        chats.MapPost("{chatId:guid}/take", TakeAsync).WithName("TakeChat").RequireAuthorization(policy => policy.RequireRole(Roles.Agent, Roles.Admin))
            .WithSummary("An available agent takes a waiting chat");
        chats.MapPost("{chatId:guid}/read", ReadAsync).WithName("ReadChat").WithSummary("Marks the chat read up to a message");
        chats.MapPost("{chatId:guid}/end", EndAsync).WithName("EndChat").WithSummary("Ends a chat");
    }

    private static async Task<IResult> StartAsync(HttpRequest request, ClaimsPrincipal user, ChatService chats, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<StartChatRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var outcome = await chats.StartAsync(user, body, cancellationToken);
        return outcome.Value is { } chat ? TypedResults.Created($"/api/support/chats/{chat.ChatId}", new Started(chat.ChatId)) : Problem(outcome.Refusal!);
    }

    private static async Task<IResult> ListAsync(string? status, ClaimsPrincipal user, ChatService chats, CancellationToken cancellationToken)
    {
        if (status is not null && !ChatStatuses.All.Contains(status))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"'status' is one of {string.Join(", ", ChatStatuses.All)}."] });
        return TypedResults.Ok(await chats.ListAsync(user, status, cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid chatId, ClaimsPrincipal user, ChatService chats, CancellationToken cancellationToken) =>
        Answer(await chats.GetAsync(user, chatId, cancellationToken));

    private static async Task<IResult> SendAsync(Guid chatId, HttpRequest request, ClaimsPrincipal user, ChatService chats, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ChatMessageRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var outcome = await chats.SendAsync(user, chatId, body.Body, cancellationToken);
        return outcome.Value is { } message ? TypedResults.Created($"/api/support/chats/{chatId}", message) : Problem(outcome.Refusal!);
    }

    private static async Task<IResult> TakeAsync(Guid chatId, ClaimsPrincipal user, ChatService chats, CancellationToken cancellationToken) =>
        Answer(await chats.TakeAsync(user, chatId, cancellationToken));

    private static async Task<IResult> ReadAsync(Guid chatId, HttpRequest request, ClaimsPrincipal user, ChatService chats, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ChatReadRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var outcome = await chats.ReadAsync(user, chatId, body.UpTo, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem(refusal) : TypedResults.NoContent();
    }

    private static async Task<IResult> EndAsync(Guid chatId, ClaimsPrincipal user, ChatService chats, CancellationToken cancellationToken) =>
        Answer(await chats.EndAsync(user, chatId, cancellationToken));

    private static IResult Answer<T>(ChatOutcome<T> outcome) => outcome.Refusal is { } refusal ? Problem(refusal) : TypedResults.Ok(outcome.Value);

    private static IResult Problem(ChatRefusal refusal) => refusal switch
    {
        { Errors: { } errors } => TypedResults.ValidationProblem(errors),
        { Status: StatusCodes.Status404NotFound } => TypedResults.NotFound(),
        _ => TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title,
            extensions: refusal.ChatId is { } chatId ? new Dictionary<string, object?> { ["chatId"] = chatId } : null),
    };
}
