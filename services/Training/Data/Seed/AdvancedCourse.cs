using static CustomerPlatform.Training.SeedCourses;

namespace CustomerPlatform.Training;

/// <summary>The advanced course (journey steps 17–19): approvals, training, tickets and security in depth.</summary>
internal static class AdvancedCourse
{
    private const int C = 2;

    public const string Title = "CustomerPlatform in depth";
    public const string Description = "How approvals, training and tickets really work, and how to keep your account secure.";

    public static CourseContent Content => new(
        [
            Module(C, 1, "Approvals in depth", 10, """
                # Approvals

                Three steps of your journey wait for a person: your **details**, your **initial training** and
                your **advanced training**. While one waits, its status is *awaiting approval*.

                - Details are approved by any staff member; training results by **your CSM or an administrator**.
                - A rejection always comes with a **reason**, shown on the step and sent to you by email.
                  A rejected details form sends you back to the form; a rejected training opens the course
                  again so you can retake the quiz.
                - Staff are reminded when an approval waits more than one business day, so nothing is forgotten.
                """),
            Module(C, 2, "Training and quizzes", 10, """
                # How training works

                Each course has modules and ends with a quiz. A course is **complete when every module is
                marked done and the quiz is passed** — in whichever order you do them.

                - The pass mark is usually **80 %**, and you usually get **3 attempts**. Your **best attempt counts**.
                - Questions and answers appear in a different order on each attempt. Multiple-choice questions
                  may give partial credit: each right choice earns a share, each wrong one takes a share away.
                - Answers are checked on our servers; the correct answers are never sent to your browser.
                - Used every attempt without passing? Your CSM is told and can grant **extra attempts**.
                - If your CSM rejects a training result, the quiz opens again with a fresh set of attempts.
                - You keep the version of a course you started, even if a newer version is published meanwhile.
                """),
            Module(C, 3, "Tickets and their workflow", 10, """
                # Tickets

                Questions and help requests become **tickets**. A ticket holds the conversation between you and
                the staff member handling it.

                - Onboarding questions go to your CSM; help requests go to your CSM, or to the support queue
                  (support agents) before you have a CSM.
                - When every onboarding question has an answer from your CSM, the *queries answered* step of
                  your journey completes by itself.
                - You can add messages to a ticket at any time; you only ever see your own tickets.
                """),
            Module(C, 4, "Security: passwords, lockout and tokens", 12, """
                # Keeping your account secure

                - **Passwords**: use a long, unique password (a passphrase is best) and never reuse one from
                  another site.
                - **Lockout**: after **5 failed sign-ins** in a row the account is locked for **15 minutes**. This
                  slows down anyone guessing your password. A password reset lifts the lockout.
                - **Tokens**: when you sign in, the app receives an **access token** valid for 15 minutes and a
                  **refresh token** that keeps you signed in for up to 14 days. Each refresh token works once:
                  using it gives you a new one, so a stolen copy is detected.
                - **Password reset**: resetting your password signs you out everywhere, because every existing
                  token is revoked.
                - We never ask for your password by email or phone.
                """),
        ],
        new Quiz(QuizId(C), Quiz.DefaultPassMark, Quiz.DefaultAttemptsAllowed,
        [
            Single(C, 1, "Who can approve your training results?", 2,
                "Any customer", "Your CSM or an administrator", "A support agent", "Nobody: they are approved automatically"),
            TrueFalse(C, 2, "A rejection always comes with a reason.", true),
            Single(C, 3, "With the usual settings, which quiz result counts?", 3,
                "Your last attempt", "Your first attempt", "Your best attempt", "The average of all attempts"),
            Multiple(C, 4, CreditModes.AllOrNothing, "When is a course complete? (pick all that must hold)", [1, 2],
                "Every module is marked done", "The quiz is passed", "Every attempt has been used", "A support ticket is opened"),
            Single(C, 5, "How many failed sign-ins in a row lock an account?", 3, "3", "4", "5", "10"),
            TrueFalse(C, 6, "Resetting your password signs you out on every device.", true),
            Multiple(C, 7, CreditModes.Partial, "Which of these keep your account safe? (pick every one that applies)", [1, 3],
                "A long, unique passphrase", "Reusing a password you already remember", "Never sharing your password, even with staff", "Emailing your password to your CSM"),
            Single(C, 8, "You used every quiz attempt without passing. What can happen next?", 1,
                "Your CSM can grant extra attempts", "You must create a new account", "The course is deleted", "Nothing: the course can never be completed"),
            Single(C, 9, "Where does a help request go before a CSM is assigned to you?", 4,
                "Nowhere: help is unavailable until then", "To an administrator's personal email", "To another customer", "To the support queue"),
            TrueFalse(C, 10, "A refresh token can be used many times.", false),
        ]));
}
