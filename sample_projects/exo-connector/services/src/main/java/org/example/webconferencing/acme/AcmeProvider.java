package org.example.webconferencing.acme;

import java.util.Locale;

import org.exoplatform.container.configuration.ConfigurationException;
import org.exoplatform.container.xml.InitParams;
import org.exoplatform.services.log.ExoLogger;
import org.exoplatform.services.log.Log;
import org.exoplatform.webconferencing.CallProvider;
import org.exoplatform.webconferencing.UserInfo.IMInfo;

/**
 * Acme Meet call provider. Its settings come from the provider-configuration of
 * WEB-INF/conf/acme/configuration.xml in the webapp.
 */
public class AcmeProvider extends CallProvider {

  /** The connector type: the same word names the war, the configuration folder and the JS module. */
  public static final String TYPE = "acme";

  public static final String TITLE = "Acme Meet";

  public static final String VERSION = "1.0.0";

  public static final String CONFIG_SERVICE_URL = "acme-serviceUrl";

  public static final String CONFIG_CLIENT_ID = "acme-clientId";

  private static final Log LOG = ExoLogger.getLogger(AcmeProvider.class);

  /** What the JavaScript side receives through configure(settings). */
  public class Settings {
    public String getType() {
      return AcmeProvider.this.getType();
    }

    public String getUrl() {
      return "/" + TYPE;
    }

    public String getServiceUrl() {
      return serviceUrl;
    }

    public String getClientId() {
      return clientId;
    }
  }

  /** The IM account users enter in their profile to be callable with Acme. */
  public class AcmeIMInfo extends IMInfo {
    protected AcmeIMInfo(String id) {
      super(TYPE, id);
    }
  }

  private final String serviceUrl;

  private final String clientId;

  public AcmeProvider(InitParams params) throws ConfigurationException {
    super(params);
    String url = this.config.get(CONFIG_SERVICE_URL);
    if (url == null || url.trim().isEmpty()) {
      throw new ConfigurationException(CONFIG_SERVICE_URL + " required and should not be empty");
    }
    this.serviceUrl = url.trim();
    String id = this.config.get(CONFIG_CLIENT_ID);
    this.clientId = id == null ? "" : id.trim();
    LOG.info("Acme Meet provider ready, service at " + serviceUrl);
  }

  public Settings getSettings() {
    return new Settings();
  }

  @Override
  public IMInfo getIMInfo(String imId) {
    return new AcmeIMInfo(imId);
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public String[] getSupportedTypes() {
    return new String[] { getType() };
  }

  @Override
  public String getTitle() {
    return TITLE;
  }

  @Override
  public String getDescription(Locale locale) {
    return "Video calls with Acme Meet";
  }

  @Override
  public String getVersion() {
    return VERSION;
  }
}
