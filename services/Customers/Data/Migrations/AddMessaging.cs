using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Customers.Data.Migrations;

[DbContext(typeof(CustomersDbContext))]
[Migration("20261123000000_AddMessaging")]
public sealed class AddMessaging : MessagingTablesMigration;
