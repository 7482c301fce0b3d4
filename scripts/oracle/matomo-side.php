<?php
// Runs Matomo's own input functions on the oracle corpus and prints their answers as JSON.
// Usage: php matomo-side.php <matomo checkout> <corpus.json>
// Matomo's classes are loaded from the checkout given (and the CustomVariables plugin from the
// checkout the corpus names); nothing is copied. The only stand-ins are for the database: see
// tracker-stubs.php.
date_default_timezone_set('UTC');
// Matomo's code warns (array to string, undefined index) on the odd inputs sent on purpose.
error_reporting(E_ALL & ~E_DEPRECATED & ~E_WARNING & ~E_NOTICE);
[$self, $matomo, $corpusFile] = $argv + [null, null, null];
if (!$matomo || !is_file("$matomo/core/Common.php") || !$corpusFile) {
    fwrite(STDERR, "usage: php matomo-side.php <matomo checkout> <corpus.json>\n");
    exit(2);
}
require "$matomo/core/Common.php";
require __DIR__ . '/tracker-stubs.php';

use Piwik\Common;

/** Loads Matomo's classes on demand: Piwik\Plugins\X\… from plugins/X/…, Piwik\X\… from core/X/…. */
function loadMatomoClasses(string $matomo, ?string $customVariables): void
{
    spl_autoload_register(function (string $class) use ($matomo, $customVariables) {
        $parts = explode('\\', $class);
        if ($parts[0] !== 'Piwik') {
            return;
        }
        if (($parts[1] ?? '') === 'Plugins') {
            $plugin = $parts[2] ?? '';
            $root = $plugin === 'CustomVariables' && $customVariables ? $customVariables : "$matomo/plugins/$plugin";
            $file = $root . '/' . implode('/', array_slice($parts, 3)) . '.php';
        } else {
            $file = "$matomo/core/" . implode('/', array_slice($parts, 1)) . '.php';
        }
        if (is_file($file)) {
            require $file;
        }
    });
}

/** Calls a private method of Matomo's, as the tracker itself would reach it. */
function callPrivate(string $class, string $method, ...$args)
{
    $reflection = new ReflectionMethod($class, $method);
    $reflection->setAccessible(true);
    $target = $reflection->isStatic() ? null : (new ReflectionClass($class))->newInstanceWithoutConstructor();
    return $reflection->invoke($target, ...$args);
}

/**
 * The items GoalManager keeps from `ec_items` (core/Tracker/GoalManager.php,
 * getEcommerceItemsFromRequest then getCleanedEcommerceItems): false when the conversion is
 * dropped, otherwise each item's texts as they are looked up in log_action (null where that
 * lookup finds nothing to store: PHP-empty texts), its price as a float and its quantity.
 */
function ecommerceItems(array $tracker, $input)
{
    [$default, $type] = $tracker['ec_items'];
    $items = Common::getRequestVar('ec_items', $default, $type, ['ec_items' => $input]);
    if (empty($items)) {
        return [];
    }
    if (!is_array($items)) {
        return false;
    }
    $cleaned = callPrivate(\Piwik\Tracker\GoalManager::class, 'getCleanedEcommerceItems', Common::unsanitizeInputValues($items));
    // A lone byte of a multi-byte character (an item sent as a text is read byte by byte) is
    // printed as U+FFFD, as JSON cannot carry it.
    mb_substitute_character(0xFFFD);
    $lookedUp = fn($text) => empty($text) ? null : mb_scrub((string) $text, 'UTF-8');
    return array_map(fn($item) => [
        'sku' => $lookedUp($item[0]),
        'name' => $lookedUp($item[1]),
        'categories' => array_values(array_filter(array_map($lookedUp, array_slice($item, 2, 5)), fn($c) => $c !== null)),
        'price' => (float) $item[7],
        'quantity' => $item[8],
    ], $cleaned);
}

/**
 * A text cut by bytes without its last character when the cut split it: Hitscope shows the
 * whole characters and says that one was cut in two.
 */
function wholeCharacters($text)
{
    if (!is_string($text) || mb_check_encoding($text, 'UTF-8')) {
        return $text;
    }
    return preg_replace('/[\xC0-\xFF][\x80-\xBF]*$/', '', $text);
}

/** A tracking Request holding `params`, received at `timestamp`, without a custom time. */
function trackerRequest(array $params, int $timestamp): \Piwik\Tracker\Request
{
    $class = \Piwik\Tracker\Request::class;
    $request = (new ReflectionClass($class))->newInstanceWithoutConstructor();
    foreach (['params' => $params, 'timestamp' => $timestamp, 'cdtCache' => 0] as $name => $value) {
        $property = new ReflectionProperty($class, $name);
        $property->setAccessible(true);
        $property->setValue($request, $value);
    }
    return $request;
}

/** What an action column records for a page view holding `params`. */
function onNewPageView($column, array $params, int $timestamp)
{
    return $column->onNewAction(
        trackerRequest($params, $timestamp),
        (new ReflectionClass(\Piwik\Tracker\Visitor::class))->newInstanceWithoutConstructor(),
        (new ReflectionClass(\Piwik\Tracker\ActionPageview::class))->newInstanceWithoutConstructor(),
    );
}

/** The custom variables the CustomVariables plugin keeps from `_cvar` or `cvar`. */
function customVariables(string $name, $input): array
{
    $class = \Piwik\Plugins\CustomVariables\Tracker\CustomVariablesRequestProcessor::class;
    $kept = callPrivate($class, 'getCustomVariables', trackerRequest([$name => $input], 0), $name);
    $slots = [];
    foreach ($kept as $column => $text) {
        preg_match('/^custom_var_([kv])([0-9]+)$/', $column, $found);
        $slots[$found[2]][$found[1] === 'k' ? 'name' : 'value'] = $text;
    }
    ksort($slots);
    $answer = [];
    foreach ($slots as $slot => $pair) {
        $answer[] = ['slot' => $slot, 'name' => $pair['name'], 'value' => $pair['value']];
    }
    return $answer;
}

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
loadMatomoClasses($matomo, $corpus['customVariables'] ?? null);
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
            case 'ec_items':
                $answer = ecommerceItems($tracker, $input);
                break;
            case 'url':
                // The page URL as stored before the site's excluded parameters and fragment
                // rule: unsanitised, cleaned and cut (PageUrl::cleanupUrl), then checked.
                $url = Common::getRequestVar('url', '', 'string', ['url' => $input]);
                $answer = wholeCharacters(\Piwik\Tracker\PageUrl::getUrlIfLookValid(\Piwik\Tracker\PageUrl::cleanupUrl($url)));
                break;
            case 'action_name':
                // ActionPageview with the default (empty) category delimiter: Action::setActionName,
                // then unsanitised as log_action stores it.
                $name = Common::getRequestVar('action_name', '', 'string', ['action_name' => $input]);
                $answer = wholeCharacters(Common::unsanitizeInputValue(\Piwik\Tracker\PageUrl::cleanupString((string) $name)));
                break;
            case 'local_time':
                // Request::getLocalTime on a request received at the corpus's "now".
                $answer = trackerRequest(json_decode($input, true), $corpus['now'])->getLocalTime();
                break;
            case 'visitor_id':
                // Request::getVisitorId: uid, then cid, then _id; the id as hex, false for none.
                $id = trackerRequest(json_decode($input, true), $corpus['now'])->getVisitorId();
                $answer = $id === false ? false : bin2hex($id);
                break;
            case 'event_value':
                // What ActionEvent stores as custom_float: a text, read back as a number.
                $value = \Piwik\Plugins\Events\Actions\ActionEvent::getEventValue(trackerRequest(['e_v' => $input], $corpus['now']));
                $answer = $value === '' ? null : (float) $value;
                break;
            case 'product_price':
                $column = new \Piwik\Plugins\Ecommerce\Columns\ProductViewPrice();
                $price = onNewPageView($column, ['_pkp' => $input], $corpus['now']);
                $answer = $price === false ? null : (float) $price;
                break;
            case 'resolution':
                $column = new \Piwik\Plugins\Resolution\Columns\Resolution();
                $visitor = (new ReflectionClass(\Piwik\Tracker\Visitor::class))->newInstanceWithoutConstructor();
                $answer = wholeCharacters($column->onNewVisit(trackerRequest(['res' => $input], $corpus['now']), $visitor, null));
                break;
            case 'page_performance':
                // The TimeServer column (pf_srv) on a page view: the milliseconds, false, or the
                // exception of a negative value.
                $column = new \Piwik\Plugins\PagePerformance\Columns\TimeServer();
                $answer = onNewPageView($column, ['pf_srv' => $input], $corpus['now']);
                break;
            case 'price':
                $answer = (float) callPrivate(\Piwik\Tracker\GoalManager::class, 'getRevenue', $input);
                break;
            case 'revenue':
                $revenue = Common::getRequestVar('revenue', 0, 'float', ['revenue' => $input]);
                $answer = callPrivate(\Piwik\Plugins\Ecommerce\Columns\Revenue::class, 'roundRevenueIfNeeded', $revenue);
                break;
            case 'custom_variables':
                $answer = customVariables($case['name'], $input);
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
