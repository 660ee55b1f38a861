namespace CustomerPlatform.Training;

public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/training")
            .WithTags("Training")
            .MapStatus(ResourceNames.Services.Training);

        return app;
    }
}
