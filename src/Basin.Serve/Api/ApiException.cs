namespace Basin.Serve.Api;

/// <summary>A request the API refuses: an HTTP status (4xx) and one sentence for the JSON body <c>{"error": …}</c>.</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>400: the request is malformed.</summary>
    public static ApiException BadRequest(string message) => new(400, message);

    /// <summary>404: the named thing does not exist.</summary>
    public static ApiException NotFound(string message) => new(404, message);
}
