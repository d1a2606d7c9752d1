using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DataStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataStamps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataStamps", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "DataStamps",
                columns: new[] { "Name", "Value" },
                values: new object[,]
                {
                    { "Data", 0L },
                    { "Payslips", 0L },
                    { "Registry", 0L }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataStamps");
        }
    }
}
