using static CustomerPlatform.Training.SeedCourses;

namespace CustomerPlatform.Training;

/// <summary>The initial course (journey steps 9–11): getting around CustomerPlatform.</summary>
internal static class InitialCourse
{
    private const int C = 1;

    public const string Title = "Getting started with CustomerPlatform";
    public const string Description = "Everything you need in your first week: your account, the onboarding journey, your success manager, notifications, help, loyalty, integrations and the product tour.";

    public static CourseContent Content => new(
        [
            Module(C, 1, "Your account: signing up and verifying your email", 8, """
                # Your account

                You sign up with your **email address, a password and a display name**. We then send you a
                verification email; your account is ready once you open the link in it.

                - The link is valid for **24 hours**. If it expires, ask for a new one from the sign-in page
                  (*Resend verification*). Each new link replaces the previous one, so always use the latest email.
                - The sign-up page always answers the same way, whether or not the address is already registered:
                  this keeps other people from finding out who uses CustomerPlatform. If you already have an
                  account, the email we send tells you so and offers a password reset instead.
                - Forgot your password? *Forgot password* sends you a reset link by email.

                Tip: add our sending address to your contacts so the verification email never lands in spam.
                """),
            Module(C, 2, "The onboarding journey and its approvals", 12, """
                # Your onboarding journey

                Onboarding is a checklist of **19 steps**, shown on your journey page with the status of each:
                *pending*, *active*, *awaiting approval*, *completed*, *rejected* or *skipped*.

                1. Sign up and verify your email.
                2. Fill in the **details form** (company, job title, team size, goals, phone, time zone).
                3. A staff member **approves** your details. If something is missing they reject it with a
                   reason, and you simply correct the form and submit it again.
                4. You get a **customer success manager** and take this course; your CSM approves the result.
                5. You set up your profile, connect your tools, explore the product and ask your questions,
                   in any order you like.
                6. You are offered the advanced course, which you may accept or decline.

                Approvals are done by people. If one waits more than one business day, the approvers are
                reminded automatically; if you are idle on a step for three days, we send you one friendly reminder.
                """),
            Module(C, 3, "Your customer success manager, questions and help", 10, """
                # Your customer success manager (CSM)

                Once your details are approved, a CSM is assigned to you automatically: the available CSM
                with the fewest customers in onboarding, so you get someone with time for you. Your CSM
                introduces themselves by email and appears on your journey page.

                ## Asking questions
                - In the *Ask your questions* step, each question you send becomes a **ticket** for your CSM.
                  The step is done when you have asked what you wanted to ask (or say you have no questions),
                  and the next step completes when your CSM has answered every one of them.
                - **Help** is available on every step. Before a CSM is assigned, help requests go to the
                  support team's queue; afterwards they go to your CSM.
                - You find all your tickets, with their replies, under *Support*.
                """),
            Module(C, 4, "Notifications and your preferences", 6, """
                # Notifications

                Everything we send you by email also appears in your **in-app inbox**, where you can mark
                notifications read one by one or all at once. The history shows what was sent and whether it
                was delivered.

                In *Preferences* you choose which kinds of email you receive: onboarding, training, support,
                loyalty and marketing. **Security emails** — verification, password reset and changes to your
                account — are always sent, because they protect your account. Marketing emails are off until
                you turn them on.
                """),
            Module(C, 5, "Profile, integrations, the product tour and loyalty", 10, """
                # Making CustomerPlatform yours

                - **Profile**: a headline, a short bio and your areas of expertise. Your CSM and colleagues see it.
                - **Integrations**: connect at least one personal tool — a calendar, project-management
                  software, a note-taking app, a communication tool or a social-media account — then tell us
                  you are done.
                - **Product tour**: open each feature of the tour, or tell us you have seen enough.
                - **Loyalty**: using the platform earns you loyalty points, which you can follow in the app
                  and turn into rewards.

                These four steps can be done in any order. When they and your questions are done, you are
                offered the advanced course.
                """),
        ],
        new Quiz(QuizId(C), Quiz.DefaultPassMark, Quiz.DefaultAttemptsAllowed,
        [
            Single(C, 1, "How long is the link in the verification email valid?", 2,
                "1 hour", "24 hours", "7 days", "It never expires"),
            TrueFalse(C, 2, "When you ask for a new verification email, the link in the previous email keeps working.", false),
            Single(C, 3, "Who approves the details you submit in the onboarding form?", 3,
                "Nobody: they are accepted automatically", "Your CSM's manager, by phone", "A staff member of CustomerPlatform", "Another customer"),
            Single(C, 4, "How is your customer success manager chosen?", 1,
                "Automatically: the available CSM with the fewest customers in onboarding",
                "You pick one from a list", "The first CSM in alphabetical order", "At random"),
            Multiple(C, 5, CreditModes.Partial, "Which of these count as personal tools you can integrate? (pick every one that applies)", [1, 2, 4],
                "A calendar", "A note-taking app", "A printer", "A communication tool"),
            TrueFalse(C, 6, "You can turn off security emails such as password resets in your preferences.", false),
            Single(C, 7, "What happens to a question you ask in the \"Ask your questions\" step?", 2,
                "It is posted publicly in a forum", "It becomes a ticket for your CSM", "It is emailed to every staff member", "It is stored until the end of onboarding"),
            Multiple(C, 8, CreditModes.AllOrNothing, "Which steps can you do in any order? (pick all)", [1, 2, 3, 4],
                "Setting up your profile", "Integrating your tools", "Exploring the product tour", "Asking your questions", "Verifying your email"),
            TrueFalse(C, 9, "Every email notification also appears in your in-app inbox.", true),
            Single(C, 10, "An approval has waited more than one business day. What happens?", 3,
                "It is approved automatically", "Your journey is cancelled", "The approvers are reminded", "You must sign up again"),
        ]));
}
