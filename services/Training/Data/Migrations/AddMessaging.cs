using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Training.Data.Migrations;

[DbContext(typeof(TrainingDbContext))]
[Migration("20261123000000_AddMessaging")]
public sealed class AddMessaging : MessagingTablesMigration;
