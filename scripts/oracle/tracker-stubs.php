<?php
// Stand-ins for the parts of Matomo's tracker that need a database or its cache, so that the
// oracle can run the tracker's own methods around them. Each answers what a fresh install does.

namespace Piwik\Tracker {
    /**
     * log_action lookups: each text is given back as its own "id", so the oracle sees the
     * texts GoalManager asks to store.
     */
    class TableLogAction
    {
        public static function loadIdsAction($actionsNameAndType)
        {
            return array_map(fn($action) => $action[0], $actionsNameAndType);
        }
    }
}

namespace Piwik {
    /** The [Tracker] settings PageUrl reads, at their defaults (config/global.ini.php). */
    class Config
    {
        public $Tracker = ['page_maximum_length' => 1024];

        public static function getInstance()
        {
            return new self();
        }
    }
}

namespace Piwik\Tracker {
    /** [Tracker] settings at their defaults (config/global.ini.php). */
    class TrackerConfig
    {
        public static function getConfigValue($name, $idSite = null)
        {
            $defaults = ['enable_userid_overwrites_visitorid' => 1, 'use_third_party_id_cookie' => 0];
            return $defaults[$name];
        }
    }
}

namespace Piwik\Db {
    /** A utf8mb4 database: Request::getParam replaces no 4-byte character. */
    class Settings
    {
        public function getUsedCharset()
        {
            return 'utf8mb4';
        }
    }
}

namespace Piwik\Plugins\PrivacyManager {
    /** PrivacyManager's settings as installed: cookieless tracking is not forced. */
    class Config
    {
        public $forceCookielessTracking = false;
    }
}

namespace Piwik\Plugin {
    /** No plugin beyond those the oracle loads is active (ProductViewPrice asks for one). */
    class Manager
    {
        public static function getInstance()
        {
            return new self();
        }

        public function isPluginActivated($name)
        {
            return false;
        }
    }
}

namespace Piwik\Container {
    /** Only Common::printDebug asks the container here, for a logger: one that drops all. */
    class StaticContainer
    {
        public static function get($id)
        {
            return new class {
                public function __call($method, $args)
                {
                }
            };
        }
    }
}

namespace Piwik\Plugins\CustomVariables {
    /** The plugin's settings as a fresh install has them: 5 slots, names and values of 200. */
    class CustomVariables
    {
        public static function getNumUsableCustomVariables()
        {
            return 5;
        }

        public static function getMaxLengthCustomVariables()
        {
            return 200;
        }
    }
}
