namespace CustomerPlatform.Training;

internal sealed record EnrollmentRow(Enrollment Enrollment, string Title, CourseContent Content);
