<?php
// Runs Matomo's own input functions on the oracle corpus and prints their answers as JSON.
// Usage: php matomo-side.php <matomo checkout> <corpus.json>
// Only Matomo's core/Common.php is loaded, from the checkout given; nothing is copied.
date_default_timezone_set('UTC');
error_reporting(E_ALL & ~E_DEPRECATED);
[$self, $matomo, $corpusFile] = $argv + [null, null, null];
if (!$matomo || !is_file("$matomo/core/Common.php") || !$corpusFile) {
    fwrite(STDERR, "usage: php matomo-side.php <matomo checkout> <corpus.json>\n");
    exit(2);
}
require "$matomo/core/Common.php";

use Piwik\Common;

/**
 * The tracker's parameter table (name => [default, type]) read from the text of
 * core/Tracker/Request.php, as Request::getParam passes it to getRequestVar.
 */
function trackerParams(string $matomo): array
{
    $source = file_get_contents("$matomo/core/Tracker/Request.php");
    preg_match_all("/'([a-z_0-9]+)'\\s*=>\\s*array\\(([^,]+),\\s*'(int|float|string|json)'\\)/", $source, $found, PREG_SET_ORDER);
    $params = [];
    foreach ($found as [, $name, $default, $type]) {
        $default = trim($default);
        $value = $default === 'false' ? false : ($default === "''" ? '' : (is_numeric($default) ? (int) $default : 'unknown'));
        $params[$name] = [$value, $type];
    }
    return $params;
}

$corpus = json_decode(file_get_contents($corpusFile), true);
$tracker = trackerParams($matomo);
$answers = [];
foreach ($corpus['cases'] as $case) {
    $input = isset($case['hex']) ? hex2bin($case['hex']) : ($case['input'] ?? null);
    try {
        switch ($case['kind']) {
            case 'getRequestVar':
                $value = Common::getRequestVar('p', $case['default'], $case['type'], ['p' => $input]);
                $type = is_int($value) || is_float($value) ? 'number' : gettype($value);
                $answer = ['type' => $type, 'value' => is_string($value) ? bin2hex($value) : $value];
                break;
            case 'param':
                [$default, $type] = $tracker[$case['name']] ?? [null, 'string'];
                $value = Common::getRequestVar($case['name'], $default, $type, [$case['name'] => $input]);
                $answer = ['type' => is_int($value) || is_float($value) ? 'number' : gettype($value), 'value' => is_string($value) ? bin2hex($value) : $value];
                break;
            case 'trim':
                $answer = bin2hex(trim($input));
                break;
            case 'empty':
                $answer = empty($input);
                break;
            case 'strtotime':
                $answer = strtotime($input, $corpus['now']);
                break;
            case 'json_decode':
                $answer = json_decode($input, true) !== null || trim($input) === 'null';
                break;
            case 'parse_url':
                $parts = @parse_url($input);
                $answer = $parts === false ? false : ($parts['query'] ?? null);
                break;
            default:
                $answer = 'unknown kind';
        }
    } catch (Throwable $e) {
        $answer = ['error' => get_class($e)];
    }
    $answers[] = $answer;
}
echo json_encode($answers, JSON_PRESERVE_ZERO_FRACTION | JSON_PARTIAL_OUTPUT_ON_ERROR);
