namespace AmoHealth.Simulator.Control;

/// <summary>Bad control input: 400 problem+json that names the field.</summary>
public static class ControlProblem
{
    public static IResult Field(string field, string message) => Results.Problem(
        title: "Invalid control input",
        detail: message,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["field"] = field });
}
