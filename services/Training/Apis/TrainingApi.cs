namespace CustomerPlatform.Training;

/// <summary>
/// The Training API. Every route but status needs a signed-in caller. Customers see and change only
/// their own enrollments (someone else's is a 404); staff read any; CSMs and admins grant attempts;
/// only admins author courses.
/// </summary>
public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/training")
            .WithTags("Training")
            .MapStatus(ResourceNames.Services.Training);

        var signedIn = api.MapGroup("").RequireAuthorization();
        signedIn.MapGet("courses", CoursesApi.ListAsync)
            .WithName("ListCourses").WithSummary("The published courses, latest version of each");
        signedIn.MapGet("courses/{courseId:guid}", CoursesApi.GetAsync)
            .WithName("GetCourse").WithSummary("A course's modules and quiz (never the answers), in the order of the caller's next attempt");
        signedIn.MapGet("enrollments", EnrollmentsApi.ListAsync)
            .WithName("ListEnrollments").WithSummary("The caller's enrollments; staff pass customerId");
        signedIn.MapGet("enrollments/{enrollmentId:guid}", EnrollmentsApi.GetAsync)
            .WithName("GetEnrollment").WithSummary("One enrollment with its progress");
        signedIn.MapPost("enrollments/{enrollmentId:guid}/modules/{moduleId:guid}/complete", EnrollmentsApi.CompleteModuleAsync)
            .WithName("CompleteModule").WithSummary("Marks a module of the caller's enrollment done");
        signedIn.MapPost("enrollments/{enrollmentId:guid}/quiz-attempts", QuizAttemptsApi.SubmitAsync)
            .WithName("SubmitQuizAttempt").WithSummary("Grades an attempt at the enrollment's quiz: {score, passed, attemptsLeft}");
        signedIn.MapPost("enrollments/{enrollmentId:guid}/extra-attempts", EnrollmentsApi.GrantExtraAttemptsAsync)
            .RequireAuthorization(TrainingPolicies.GrantAttempts)
            .WithName("GrantExtraAttempts").WithSummary("Gives an enrollment more quiz attempts (CSM or admin): {count, reason}");

        var admin = api.MapGroup("admin/courses").RequireAuthorization(TrainingPolicies.Author);
        admin.MapGet("", AuthoringApi.ListAsync)
            .WithName("ListCoursesForAuthoring").WithSummary("Every course with its latest version, drafts included");
        admin.MapPost("", AuthoringApi.CreateAsync)
            .WithName("CreateCourse").WithSummary("Creates a course as a draft version 1");
        admin.MapGet("{courseId:guid}", AuthoringApi.GetAsync)
            .WithName("GetCourseForAuthoring").WithSummary("A course version with its correct choices (the draft, else the latest; ?version=)");
        admin.MapPost("{courseId:guid}/versions", AuthoringApi.NewVersionAsync)
            .WithName("StartCourseVersion").WithSummary("Starts a draft of the next version, copied from the latest");
        admin.MapPost("{courseId:guid}/draft/publish", AuthoringApi.PublishAsync)
            .WithName("PublishCourseVersion").WithSummary("Publishes the draft; new enrollments get it, existing ones keep theirs");
        admin.MapPut("{courseId:guid}/draft", DraftContentApi.UpdateCourseAsync)
            .WithName("UpdateCourseDraft").WithSummary("Updates the draft's title, description, pass mark and attempts");
        admin.MapPost("{courseId:guid}/draft/modules", DraftContentApi.AddModuleAsync)
            .WithName("AddCourseModule").WithSummary("Adds a module to the draft");
        admin.MapPut("{courseId:guid}/draft/modules/{moduleId:guid}", DraftContentApi.UpdateModuleAsync)
            .WithName("UpdateCourseModule").WithSummary("Updates (or moves) a module of the draft");
        admin.MapDelete("{courseId:guid}/draft/modules/{moduleId:guid}", DraftContentApi.RemoveModuleAsync)
            .WithName("RemoveCourseModule").WithSummary("Removes a module from the draft");
        admin.MapPost("{courseId:guid}/draft/questions", DraftContentApi.AddQuestionAsync)
            .WithName("AddQuizQuestion").WithSummary("Adds a question to the draft's quiz");
        admin.MapPut("{courseId:guid}/draft/questions/{questionId:guid}", DraftContentApi.UpdateQuestionAsync)
            .WithName("UpdateQuizQuestion").WithSummary("Updates (or moves) a question of the draft's quiz");
        admin.MapDelete("{courseId:guid}/draft/questions/{questionId:guid}", DraftContentApi.RemoveQuestionAsync)
            .WithName("RemoveQuizQuestion").WithSummary("Removes a question from the draft's quiz");

        return app;
    }
}
